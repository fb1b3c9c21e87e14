import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/app/main-services';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';

const ctx = { shell: 'loopback' as const };
let simulator: EfmSimulator;
let services: MainServices;
beforeAll(async () => {
  simulator = await new EfmSimulator({ cms: { delayMs: 1, failureRate: 0, model: 'per-filing' } }).start();
  services = createMainServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'crd-held-')), version: 'test', shell: 'loopback', sharedSimulator: Promise.resolve(simulator) });
});
afterAll(async () => {
  await services.close();
  await simulator.close();
});

const call = async (channel: string, args?: unknown): Promise<Record<string, unknown>> => {
  const result = await services.dispatch(channel, args, ctx);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
};

describe('a claim is held until the decisions for its envelope are delivered (#11: submit, then Back at once)', () => {
  it('Back to the queue while the decision waits in the outbox keeps the claim; delivery releases it', async () => {
    const demo = makeDemoEnvelopes().find((d) => !d.envelope.case.isNew && d.envelope.filings.length >= 2);
    if (!demo) throw new Error('no subsequent-filing envelope with two filings in the demo data');
    const envelopeId = demo.envelope.id;
    await call('session:sign-in', { username: 'clerk1', password: 'demo-clerk1' });
    const lease = await call('claim:acquire', { envelopeId });
    const payload = {
      envelopeId, fencingToken: lease.fencingToken, idempotencyKey: `${envelopeId}-held-1`, decidedAt: '2026-12-02T10:00:00Z', caseAssignment: null, stamped: [],
      decisions: [{ outcome: 'accepted', filingId: demo.envelope.filings[0]?.id, correctedFilingCode: null, note: null }],
    };
    // Submit: the decision is journaled; the delivery has not happened yet when the clerk presses Back.
    await call('outbox:record', { payload, reviewer: 'clerk1' });
    await call('claim:release', { envelopeId, fencingToken: lease.fencingToken });
    expect((await call('envelope:get', { envelopeId })).lease).toMatchObject({ holder: 'clerk1' });
    // The outbox delivers later: accepted once, and only then the claim goes back to the pool.
    expect(await call('review:submit', payload)).toMatchObject({ result: 'applied', envelopeComplete: false });
    expect((await call('envelope:get', { envelopeId })).lease).toBeNull();
    expect(simulator.submissions.filter((s) => s.envelopeId === envelopeId)).toHaveLength(1);
    // With nothing waiting, a release is immediate.
    const again = await call('claim:acquire', { envelopeId });
    await call('claim:release', { envelopeId, fencingToken: again.fencingToken });
    expect((await call('envelope:get', { envelopeId })).lease).toBeNull();
  });
});
