import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { parseXml } from '../../../shared/xml/safe-xml';
import { descendants, text } from '../../../shared/xml/xml-query';
import { validateEcf } from '../../fixtures/ecf-validate';

let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ validateEcf: async (xml) => validateEcf(xml), cms: { delayMs: 5, failureRate: 0, model: 'per-filing' } }).start();
});
afterAll(() => simulator.close());

const clerk = { id: 'clerk1', name: 'clerk1' };
const decidedAt = '2026-11-23T09:00:00Z';
const localNames = (xml: string | null, name: string): string[] => {
  const root = parseXml(xml ?? '<none/>');
  if (!root.ok) throw new Error(root.error.message);
  return descendants(root.value, '*', name).map((element) => text(element) ?? '');
};

describe('multi-episode review (main-process submit against the simulator)', () => {
  const demo = makeDemoEnvelopes().find((candidate) => candidate.envelope.case.isNew && candidate.envelope.filings.length >= 3);
  if (!demo) throw new Error('the demo data has no new-case envelope with three filings');
  const [first, second, third] = demo.envelope.filings as [typeof demo.envelope.filings[number], typeof demo.envelope.filings[number], typeof demo.envelope.filings[number]];
  const envelopeId = demo.envelope.id;
  const caseAssignment = { caseNumber: '2026-CV-004242', trackingId: null, title: 'Episode v. Review', courtLocation: 'DT', judge: 'J-101' };

  it('docket one filing now, the rest later: the case is opened once, the envelope completes on the last episode', async () => {
    const efm = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
    const lease = await efm.claim(envelopeId);
    if (!lease.ok) throw new Error(lease.error.message);
    const base = { envelopeId, fencingToken: lease.value.fencingToken, decidedAt, stamped: [] };

    // Episode 1: accept the first filing and open the case.
    const one = await submitReview(efm, clerk, { ...base, idempotencyKey: `${envelopeId}-episode-1`, decisions: [{ outcome: 'accepted', filingId: first.id, correctedFilingCode: null, note: null }], caseAssignment });
    expect(one).toMatchObject({ ok: true, value: { result: 'applied', envelopeComplete: false } });
    // The service dockets what was accepted, with the case the clerk opened (it writes the RecordDocketing itself).
    await simulator.whenDocketingIdle();
    const docketings = (): string[] => simulator.cms.received.filter((r) => r.operation === 'RecordDocketing' && r.xml.includes(envelopeId)).map((r) => r.xml);
    expect(docketings()).toHaveLength(1);
    expect(localNames(docketings()[0] ?? null, 'CaseNumberText')).toContain('2026-CV-004242');
    const queue = await efm.getReviewQueue({ pageSize: 10_000 });
    expect(queue.ok && queue.value.items.some((item) => item.envelopeId === envelopeId)).toBe(true);

    // What the next episode sees: the first filing is done, the case is open.
    const detail = await efm.getEnvelope(envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.recorded).toEqual([expect.objectContaining({ filingId: first.id, outcome: 'accepted', reviewerId: 'clerk1' })]);
    expect(detail.value.assignedCase).toEqual({ caseNumber: '2026-CV-004242', title: 'Episode v. Review', courtLocation: 'DT', judge: 'J-101' });

    // A filing cannot be decided twice, and the case cannot be reopened under another number.
    expect(await submitReview(efm, clerk, { ...base, idempotencyKey: `${envelopeId}-again`, decisions: [{ outcome: 'rejected', filingId: first.id, reasonCode: 'ILLEGIBLE', note: 'Changed my mind about it.' }], caseAssignment: null }))
      .toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already accepted by clerk1') } });
    expect(await submitReview(efm, clerk, { ...base, idempotencyKey: `${envelopeId}-renumber`, decisions: [{ outcome: 'accepted', filingId: second.id, correctedFilingCode: null, note: null }], caseAssignment: { ...caseAssignment, caseNumber: '2026-CV-009999' } }))
      .toMatchObject({ ok: false, error: { code: 'conflict', field: 'caseNumber' } });

    // Episode 2: accept the second into the open case (no assignment sent), reject the rest; the filer hears about all.
    const rest = demo.envelope.filings.slice(2).map((filing) => ({ outcome: 'rejected' as const, filingId: filing.id, reasonCode: 'ILLEGIBLE', note: 'The scan is unreadable; please refile.' }));
    const two = await submitReview(efm, clerk, { ...base, idempotencyKey: `${envelopeId}-episode-2`, decisions: [{ outcome: 'accepted', filingId: second.id, correctedFilingCode: null, note: null }, ...rest], caseAssignment: null });
    expect(two).toMatchObject({ ok: true, value: { result: 'applied', envelopeComplete: true } });
    await simulator.whenDocketingIdle();
    expect(docketings()).toHaveLength(2);
    expect(localNames(docketings()[1] ?? null, 'CaseNumberText')).toContain('2026-CV-004242');
    // The filer's notice, written by the service after docketing, covers every filing of every episode.
    const notice = `<n xmlns:w="urn:wrap">${await simulator.reviewCompleteMessage(envelopeId)}</n>`;
    expect(localNames(notice, 'FilingReviewStatusCode').join(' ')).toMatch(/partially/i);
    const notified = localNames(notice, 'IdentificationID');
    for (const filing of [first, second, third]) expect(notified).toContain(filing.id);
    // Both accepted filings carry the docket entry the record system gave them.
    expect(localNames(notice, 'CaseDocketID')).toHaveLength(2);
    const after = await efm.getReviewQueue({ pageSize: 10_000 });
    expect(after.ok && after.value.items.some((item) => item.envelopeId === envelopeId)).toBe(false);
  });
});
