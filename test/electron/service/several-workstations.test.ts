import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';

// Clerks and a supervisor at separate workstations: each its own client, its own connection, one service.
const dataDir = mkdtempSync(path.join(tmpdir(), 'crd-workstations-'));
const envelopes = makeDemoEnvelopes(30);
let service: EfmSimulator;
const workstation = (username: string): EfmClient =>
  new EfmClient({ endpoint: service.url, credentials: { username, password: `demo-${username}` }, sleep: async () => undefined });
/** Lets every working lease (one second here) run out: a slow machine only lets more time pass. */
const leasesLapse = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1200));
const queueOf = async (clerk: EfmClient, claim: 'mine' | 'unclaimed'): Promise<string[]> => {
  const page = await clerk.getReviewQueue({ pageSize: 100, filter: { caseKind: null, courtLocations: [], caseCategories: [], filingCodes: [], submittedFrom: null, submittedTo: null, filerText: null, claim } });
  if (!page.ok) throw new Error(page.error.message);
  return page.value.items.map((item) => item.envelopeId);
};

beforeAll(async () => {
  service = await new EfmSimulator({ dataDir, envelopes, leaseSeconds: 1, cms: { delayMs: 1, failureRate: 0, model: 'per-filing' } }).start();
  await service.accounts.add({ username: 'clerk3', displayName: 'Sam Reyes', role: 'clerk', password: 'demo-clerk3' });
});
afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a supervisor\'s reassignment across workstations (the new clerk gets a working lease that does not lapse)', () => {
  it('stays the assigned clerk\'s past the lease and a service restart, and only they decide it', async () => {
    const target = envelopes.find((demo) => !demo.envelope.case.isNew && demo.envelope.filings.length === 1);
    if (!target) throw new Error('no single-filing envelope in the demo data');
    const envelopeId = target.envelope.id;
    let [dana, luis, sam, renee] = ['clerk1', 'clerk2', 'clerk3', 'supervisor'].map(workstation);
    if (!dana || !luis || !sam || !renee) throw new Error('four workstations');
    const first = await dana.claim(envelopeId);
    if (!first.ok) throw new Error(first.error.message);
    const moved = await renee.reassign(envelopeId, 'clerk2');
    if (!moved.ok || !moved.value) throw new Error('the reassignment was refused');
    expect(moved.value).toMatchObject({ holder: 'clerk2' });

    // Past the working lease, and the service restarted: still Luis's.
    await leasesLapse();
    await service.stop();
    await service.start();
    [dana, luis, sam, renee] = ['clerk1', 'clerk2', 'clerk3', 'supervisor'].map(workstation);
    if (!dana || !luis || !sam || !renee) throw new Error('four workstations');
    expect(await queueOf(luis, 'mine')).toContain(envelopeId);
    expect(await queueOf(sam, 'unclaimed')).not.toContain(envelopeId);
    expect(await sam.claim(envelopeId)).toMatchObject({ ok: false, error: { reason: 'claimed-by-other', holder: 'clerk2', message: expect.stringContaining('assigned to clerk2 by supervisor') } });
    const workload = await renee.getWorkload(new Date(Date.now() - 86_400_000).toISOString(), new Date().toISOString());
    expect(workload.ok && workload.value.claims.filter((claim) => claim.envelopeId === envelopeId).map((claim) => claim.holder)).toEqual(['clerk2']);

    // Luis opens it: the token the reassignment gave him. Dana's old one is refused.
    const lease = await luis.claim(envelopeId);
    expect(lease).toMatchObject({ ok: true, value: { holder: 'clerk2', fencingToken: moved.value.fencingToken } });
    expect(await dana.renew(envelopeId, first.value.fencingToken)).toMatchObject({ ok: false, error: { reason: 'stale-fencing-token' } });
    const filingId = target.envelope.filings[0]?.id ?? '';
    const decided = await submitReview(luis, { id: 'clerk2', name: 'Luis Ortega' }, {
      envelopeId, fencingToken: moved.value.fencingToken, idempotencyKey: 'workstations-1', decidedAt: new Date().toISOString(),
      decisions: [{ outcome: 'accepted', filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [],
    });
    expect(decided).toMatchObject({ ok: true });
    // Decided: the assignment ends with the work.
    expect(await queueOf(luis, 'mine')).not.toContain(envelopeId);
  });

  it('moved back to the pool, it lapses like any claim and another clerk takes it', async () => {
    const target = envelopes.filter((demo) => !demo.envelope.case.isNew)[5];
    if (!target) throw new Error('not enough envelopes');
    const [luis, sam, renee] = ['clerk2', 'clerk3', 'supervisor'].map(workstation);
    if (!luis || !sam || !renee) throw new Error('three workstations');
    await renee.reassign(target.envelope.id, 'clerk2');
    expect(await renee.reassign(target.envelope.id, null)).toEqual({ ok: true, value: null });
    await leasesLapse();
    expect(await queueOf(sam, 'unclaimed')).toContain(target.envelope.id);
    expect(await sam.claim(target.envelope.id)).toMatchObject({ ok: true, value: { holder: 'clerk3' } });
  });
});
