import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCms } from '../../../electron/cms/demo-cms';
import { runDemoCms } from '../../../electron/cli/demo-cms-command';
import { UsageError } from '../../../electron/cli/cli-args';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';

// The court's own record system, configured as `server --cms URL` configures it: its own process in production,
// its own server here, with credentials in both directions.
const cms = new DemoCms({ delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, acceptFrom: { username: 'review-service', password: 'cms-side-secret' } });
let service: EfmSimulator;
beforeAll(async () => {
  await cms.start();
  service = await new EfmSimulator({ recordSystem: { url: cms.courtRecordUrl, credentials: { username: 'review-service', password: 'cms-side-secret' } }, docketingModel: 'per-envelope' }).start();
  await service.accounts.add({ username: 'cms1', displayName: 'County CMS', role: 'record-system', password: 'service-side-secret' });
  cms.connect({ serviceUrl: service.url, credentials: { username: 'cms1', password: 'service-side-secret' } });
});
afterAll(async () => {
  await service.close();
  await cms.close();
});

describe('a service configured with the court\'s own record system', () => {
  it('per envelope: one RecordDocketing once the last filing is decided, docketed through the configured CMS', async () => {
    const demo = makeDemoEnvelopes().find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 2 && d.documents.every((doc) => doc.kind === 'plain'));
    if (!demo) throw new Error('no suitable envelope');
    const clerk = new EfmClient({ endpoint: service.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
    const lease = await clerk.claim(demo.envelope.id);
    if (!lease.ok) throw new Error(lease.error.message);
    const [first, second] = demo.envelope.filings.map((filing) => filing.id);
    const decide = (filingId: string, key: string): ReturnType<typeof submitReview> => submitReview(clerk, { id: 'clerk1', name: 'Dana' }, {
      envelopeId: demo.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: key, decidedAt: new Date().toISOString(),
      decisions: [{ outcome: 'accepted', filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [],
    });
    expect(await decide(first ?? '', 'ext-1')).toMatchObject({ ok: true });
    expect(await service.docketing.ofEnvelope(service.database, demo.envelope.id)).toEqual([]);
    expect(await decide(second ?? '', 'ext-2')).toMatchObject({ ok: true });
    await service.whenDocketingIdle();
    await cms.whenIdle();
    expect(await service.docketing.ofEnvelope(service.database, demo.envelope.id)).toMatchObject([{ messageId: `RD-${demo.envelope.id}`, filingIds: [first, second], status: 'answered' }]);
    expect(cms.callbacks.filter((c) => c.envelopeId === demo.envelope.id).map((c) => c.delivered)).toEqual([true, true]);
    expect([cms.statusOf(first ?? ''), cms.statusOf(second ?? '')]).toEqual(['successful', 'successful']);
  });

  it('demo-cms refuses to start without the service, the account or its password', async () => {
    const io = { out: () => undefined, err: () => undefined, appRoot: '.' };
    await expect(runDemoCms(['--user', 'cms1'], io, {})).rejects.toThrow(UsageError);
    await expect(runDemoCms(['--service', service.url], io, {})).rejects.toThrow(UsageError);
    await expect(runDemoCms(['--service', service.url, '--user', 'cms1'], io, {})).rejects.toThrow(/CLERK_REVIEW_PASSWORD/);
  });
});

describe('a service on TLS with its own certificate (the court CA, or self-signed)', () => {
  it('the record system calls back over HTTPS trusting the CA it is given; without it the callback is refused', async () => {
    const { makeSelfSignedIdentity } = await import('../../../electron/demo/self-signed-identity');
    const identity = makeSelfSignedIdentity('review.court.invalid', 30, '127.0.0.1');
    const recordSystem = new DemoCms({ delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, retryDelaysMs: [1] });
    await recordSystem.start();
    const secure = await new EfmSimulator({ tls: { keyPem: identity.keyPem, certPem: identity.certPem }, recordSystem: { url: recordSystem.courtRecordUrl, credentials: null }, envelopes: makeDemoEnvelopes(20) }).start();
    await secure.accounts.add({ username: 'cms2', displayName: 'County CMS', role: 'record-system', password: 'tls-side-secret' });
    const demo = makeDemoEnvelopes(20).filter((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1);
    const clerk = new EfmClient({ endpoint: secure.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, ca: identity.certPem, sleep: async () => undefined });
    const accept = async (index: number): Promise<string> => {
      const target = demo[index];
      if (!target) throw new Error('not enough subsequent filings in the demo data');
      const lease = await clerk.claim(target.envelope.id);
      if (!lease.ok) throw new Error(lease.error.message);
      const filingId = target.envelope.filings[0]?.id ?? '';
      const decided = await submitReview(clerk, { id: 'clerk1', name: 'Dana' }, { envelopeId: target.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: `tls-${index}`, decidedAt: new Date().toISOString(), decisions: [{ outcome: 'accepted', filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [] });
      expect(decided.ok).toBe(true);
      await secure.whenDocketingIdle();
      await recordSystem.whenIdle();
      return target.envelope.id;
    };
    // Without the CA, the record system cannot reach the service: its callback is not delivered.
    recordSystem.connect({ serviceUrl: secure.url, credentials: { username: 'cms2', password: 'tls-side-secret' } });
    const untrusted = await accept(0);
    expect(recordSystem.callbacks.find((c) => c.envelopeId === untrusted)?.delivered).toBe(false);
    // With it, the callback lands.
    recordSystem.connect({ serviceUrl: secure.url, credentials: { username: 'cms2', password: 'tls-side-secret' }, ca: identity.certPem });
    const trusted = await accept(1);
    expect(recordSystem.callbacks.find((c) => c.envelopeId === trusted)?.delivered).toBe(true);
    await secure.close();
    await recordSystem.close();
  });
});
