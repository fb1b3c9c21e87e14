import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { ReviewDelivery } from '../../../electron/efm/review-delivery';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { nextDeliveryStep } from '../../../shared/outbox/delivery-policy';
import { FaultProxy, type Fault } from '../../fixtures/fault-proxy';

// Single-filing envelopes in existing cases: one decision each, no stamping needed for the delivery test.
const court = makeDemoEnvelopes(1000);
const envelopes = court.filter((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1).slice(0, 60);
let simulator: EfmSimulator;
let proxy: FaultProxy;
let submitCount = 0;
const faults: readonly Fault[] = ['drop', 'delay', 'reset-after-send', 'http-503', 'truncate', 'pass'];

beforeAll(async () => {
  simulator = await new EfmSimulator({ envelopes: court, cms: { delayMs: 1, failureRate: 0, model: 'per-filing' } }).start();
  // Every SubmitFilingReview gets the next fault of the cycle; other calls (status checks, envelope reads) pass,
  // except that every fourth of them is dropped too.
  let other = 0;
  proxy = await new FaultProxy(simulator.url, (request) => {
    if (String(request.headers.soapaction ?? '').includes('SubmitFilingReview')) return faults[submitCount++ % faults.length] ?? 'pass';
    return ++other % 4 === 0 ? 'drop' : 'pass';
  }, 400).start();
});
afterAll(async () => {
  await proxy.close();
  await simulator.close();
});

describe('delivery through a faulty network (drop, delay past the timeout, reset after send, 503, truncated answer)', () => {
  it('applies every decision exactly once', async () => {
    const direct = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const faulty = new EfmClient({ endpoint: proxy.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, timeoutMs: 250, retries: 0, sleep: async () => undefined });
    const delivery = new ReviewDelivery();
    let attempts = 0;
    let exceptions = 0;
    for (const [index, demo] of envelopes.entries()) {
      const lease = await direct.claim(demo.envelope.id, 3600);
      if (!lease.ok) throw new Error(lease.error.message);
      const filingId = demo.envelope.filings[0]?.id ?? '';
      const args = { envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: `${demo.envelope.id}-fault-${index}`, decidedAt: new Date().toISOString(), decisions: [index % 3 === 0 ? { outcome: 'rejected' as const, filingId, reasonCode: 'ILLEGIBLE', note: 'The scan cannot be read; please refile.' } : { outcome: 'accepted' as const, filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [] };
      // The outbox's loop: retry transient failures (no backoff wait in the test), stop on success or refusal.
      for (let attempt = 1; ; attempt++) {
        attempts += 1;
        const result = await delivery.submit(faulty, { id: 'clerk1', name: 'Dana' }, args);
        if (result.ok) break;
        const step = nextDeliveryStep(result.error, attempt);
        if (step === 'refused') throw new Error(`refused: ${result.error.message}`);
        if (step === 'exception') {
          exceptions += 1;
          break;
        }
      }
    }
    const applied = (await simulator.submissions()).filter((s) => envelopes.some((d) => d.envelope.id === s.envelopeId));
    const perFiling = new Map<string, number>();
    for (const submission of applied) for (const d of submission.decisions) perFiling.set(d.filingId, (perFiling.get(d.filingId) ?? 0) + 1);
    const lost = envelopes.filter((d) => !perFiling.has(d.envelope.filings[0]?.id ?? '')).length;
    const duplicated = [...perFiling.values()].filter((count) => count > 1).length;
    const injected = Object.entries(proxy.injected).filter(([fault]) => fault !== 'pass').reduce((sum, [, count]) => sum + count, 0);
    console.log(`fault injection: ${envelopes.length} decisions, ${attempts} delivery attempts, ${injected} faults injected (${JSON.stringify(proxy.injected)}), ${delivery.confirmedByStatus} confirmed by GetFilingStatus instead of resent, ${exceptions} to the exception list, lost ${lost}, duplicated ${duplicated}`);
    expect(exceptions).toBe(0);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(applied).toHaveLength(envelopes.length);
    expect(injected).toBeGreaterThan(envelopes.length);
    // Unknown outcomes (delay, reset, truncation) were settled by asking, not by sending again.
    expect(delivery.confirmedByStatus).toBeGreaterThan(0);
  });
});
