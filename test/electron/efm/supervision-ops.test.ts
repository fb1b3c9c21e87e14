import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';

let simulator: EfmSimulator;
let failNext = true;
beforeAll(async () => {
  // The CMS refuses while failNext is set: the first docketing fails, a retry succeeds.
  simulator = await new EfmSimulator({ cms: { delayMs: 1, failureRate: 0.5, model: 'per-filing', random: () => (failNext ? 0 : 1) } }).start();
});
afterAll(() => simulator.close());

const as = (username: string): EfmClient => new EfmClient({ endpoint: simulator.url, credentials: { username, password: `demo-${username}` }, sleep: async () => undefined });

describe('supervision operations over SOAP', () => {
  it('WhoAmI gives each user their role; workload and exceptions are refused to clerks', async () => {
    expect(await as('clerk2').whoAmI()).toEqual({ ok: true, value: { userId: 'clerk2', displayName: 'Luis Ortega', role: 'clerk', heldClaims: [] } });
    expect(await as('supervisor').whoAmI()).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    expect(await as('clerk1').getWorkload('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await as('clerk1').getDocketingExceptions(true)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('workload lists current claims and decisions with their claim time; a refused docketing can be retried, then resolved ones leave the open list', async () => {
    const demo = makeDemoEnvelopes().find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));
    if (!demo) throw new Error('no suitable envelope');
    const clerk = as('clerk1');
    const lease = await clerk.claim(demo.envelope.id);
    if (!lease.ok) throw new Error(lease.error.message);
    const boss = as('supervisor');
    const range = ['2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'] as const;
    expect((await boss.getWorkload(...range))).toMatchObject({ ok: true, value: { claims: [expect.objectContaining({ envelopeId: demo.envelope.id, holder: 'clerk1' })] } });
    const { submitReview } = await import('../../../electron/efm/submit-review');
    const filingId = demo.envelope.filings[0]?.id ?? '';
    const submitted = await submitReview(clerk, { id: 'clerk1', name: 'Dana' }, { envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: `${demo.envelope.id}-sup-1`, decidedAt: new Date().toISOString(), decisions: [{ outcome: 'accepted', filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [] });
    expect(submitted.ok).toBe(true);
    const workload = await boss.getWorkload(...range);
    if (!workload.ok) throw new Error(workload.error.message);
    expect(workload.value.claims).toEqual([]);
    expect(workload.value.reviews).toEqual([expect.objectContaining({ envelopeId: demo.envelope.id, filingId, clerk: 'clerk1', outcome: 'accepted', claimedAt: expect.any(String) })]);
    expect(Date.parse(workload.value.reviews[0]?.decidedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(workload.value.reviews[0]?.claimedAt ?? ''));

    await simulator.whenDocketingIdle();
    const open = await boss.getDocketingExceptions(false);
    if (!open.ok) throw new Error(open.error.message);
    expect(open.value).toEqual([expect.objectContaining({ filingId, status: 'open' })]);
    const exceptionId = open.value[0]?.exceptionId ?? '';
    expect(await boss.resolveDocketingException(exceptionId, 'retry', 'x')).toMatchObject({ ok: false, error: { code: 'efm-fault' } });
    failNext = false;
    expect(await boss.resolveDocketingException(exceptionId, 'retry', 'CMS back after maintenance')).toMatchObject({ ok: true, value: { status: 'retried', handledBy: 'supervisor' } });
    await simulator.whenDocketingIdle();
    expect(await boss.getDocketingExceptions(false)).toEqual({ ok: true, value: [] });
    expect(await boss.getDocketingExceptions(true)).toMatchObject({ ok: true, value: [{ exceptionId, status: 'retried', note: 'CMS back after maintenance' }] });
    expect(simulator.cms.statusOf(filingId)).toBe('successful');
    // Handling it twice is refused.
    expect(await boss.resolveDocketingException(exceptionId, 'resolve', 'again')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('the filer cancels an envelope while a clerk reviews it', () => {
  it('it leaves the queue, its filing status says cancelled, and a decision on it is refused as a conflict with that reason', async () => {
    const demo = makeDemoEnvelopes().filter((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.envelope.id !== 'ENV-2026-000010')[1];
    if (!demo) throw new Error('no suitable envelope');
    const clerk = as('clerk2');
    const lease = await clerk.claim(demo.envelope.id);
    if (!lease.ok) throw new Error(lease.error.message);
    await simulator.cancelFiling(demo.envelope.id);
    const { submitReview } = await import('../../../electron/efm/submit-review');
    const filingId = demo.envelope.filings[0]?.id ?? '';
    expect(await submitReview(clerk, { id: 'clerk2', name: 'Luis' }, { envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: `${demo.envelope.id}-cancelled`, decidedAt: new Date().toISOString(), decisions: [{ outcome: 'accepted', filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [] }))
      .toMatchObject({ ok: false, error: { code: 'conflict', reason: 'cancelled' } });
    expect(await clerk.getFilingStatus(null, filingId)).toMatchObject({ ok: true, value: { reviewStatus: 'cancelled' } });
    const queue = await clerk.getReviewQueue({ pageSize: 10_000 });
    expect(queue.ok && queue.value.items.some((item) => item.envelopeId === demo.envelope.id)).toBe(false);
    // Opened again (a clerk holding it, a link), it says so: the screen shows it cancelled and read-only.
    expect(await clerk.getEnvelope(demo.envelope.id)).toMatchObject({ ok: true, value: { cancelled: true } });
  });
});
