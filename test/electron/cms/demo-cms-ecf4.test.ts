import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSamplePdf } from '../../../electron/demo/pdf-samples';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { reviewRecords } from '../../../electron/service/store/review-records';
import { readMessageReceipt4 } from '../../../shared/ecf4/message-receipt';
import { stampPdf } from '../../../shared/pdf/stamp-pdf';
import { stampPreset, type StampTemplate } from '../../../shared/stamp/stamp-template';
import { askStandardMessage } from '../../../electron/soap/send-standard-message';
import { documentRequestMessage } from '../../../shared/ecf/document-messages';
import { endpointPaths, operationTable } from '../../../shared/ecf/operation-table';
import { wrapStandardRequest } from '../../../shared/ecf/standard-operations';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { civilTwoFilings, ecf4FilingReviewClient, soapBodyOf, validateTylerEcf4 } from '../../fixtures/ecf4-filer';
import { callWithBody } from '../../fixtures/soap-interop';
import { parsedRoot } from '../../fixtures/parsed-root';

/**
 * The demo court record system speaking ECF 4.0 (`clerk-review server --demo --cms-ecf 4.0`): the service sends it
 * RecordFiling with the file-stamped rendition, it dockets and calls back with NotifyDocketingComplete 4.0, and the
 * duplicate-case check asks it with GetCaseList — every message both ways valid against Tyler's ECF 4 schemas.
 */
let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({
    validateEcf: async (xml) => validateEcf(xml), validateEcf4: validateTylerEcf4, demoRecordSystemEcf: '4.0',
    cms: { delayMs: 1, failureRate: 0, model: 'per-filing' },
  }).start();
}, 60_000);
afterAll(() => simulator.close());

describe('the demo record system in ECF 4.0', () => {
  it('an ECF 4 filing, accepted with a stamp, is docketed through RecordFiling and NotifyDocketingComplete 4.0', async () => {
    const names = ['motion.pdf', 'appearance.pdf', 'exhibit-a.pdf', 'proposed-order.pdf'];
    const documents = await Promise.all(names.map(async (name) => ({ contentId: name, body: Buffer.from(await makeSamplePdf({ title: name, pages: 1 })) })));
    const raw = await callWithBody(await ecf4FilingReviewClient(simulator.url, 'efsp', 'demo-efsp'), 'ReviewFiling', soapBodyOf(civilTwoFilings), documents);
    const root = parsedRoot(raw);
    const envelopeId = readMessageReceipt4(root)?.envelopeIds[0] ?? '';
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const detail = await clerk.getEnvelope(envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    const [motion, appearance] = detail.value.envelope.filings;
    if (!motion || !appearance) throw new Error('two filings expected');
    const original = await clerk.getDocument(envelopeId, motion.leadDocument.id);
    if (!original.ok) throw new Error(original.error.message);
    const stamped = await stampPdf(original.value.bytes, { jobs: [{ template: stampPreset('filed') as StampTemplate }], fields: { datetime: '2026-12-07T10:00:00Z', timeZone: 'America/Chicago', caseNumber: '2026-CV-001187' } });
    if (!stamped.ok) throw new Error(stamped.message);
    const lease = await clerk.claim(envelopeId);
    if (!lease.ok) throw new Error(lease.error.message);
    const decided = await submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
      envelopeId, fencingToken: lease.value.fencingToken, idempotencyKey: `${envelopeId}-demo4`, decidedAt: new Date().toISOString(), caseAssignment: null,
      decisions: [
        { outcome: 'accepted', filingId: motion.id, correctedFilingCode: null, note: null },
        { outcome: 'accepted', filingId: appearance.id, correctedFilingCode: null, note: null },
      ],
      stamped: [{ documentId: motion.leadDocument.id, sha256: stamped.stampedSha256, bytes: stamped.bytes as Uint8Array<ArrayBuffer> }],
    });
    expect(decided.ok).toBe(true);
    for (let round = 0; round < 300 && simulator.cms.callbacks4.length < 2; round++) {
      await simulator.whenDocketingIdle();
      if (simulator.cms.callbacks4.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const recordFilings = simulator.cms.received.filter((request) => request.operation === 'RecordFiling4');
    expect(recordFilings.map((request) => request.parts).sort()).toEqual([1, 4]);
    // The motion's request carries the stamped rendition beside the three documents as filed.
    const motionRequest = recordFilings.find((request) => request.parts === 4)?.xml ?? '';
    expect(motionRequest).toContain(stamped.stampedSha256);
    expect(motionRequest).toContain('File-stamped');
    expect(simulator.cms.callbacks4.map((callback) => [callback.delivered, callback.schemaValid])).toEqual([[true, true], [true, true]]);
    const valid = validateEcfBatch(recordFilings.map((request) => request.xml), 'tyler4');
    expect(valid.map((v) => v.valid), valid.map((v) => v.output).join('\n')).toEqual([true, true]);
    expect(await reviewRecords.docketing(simulator.database, envelopeId, motion.id)).toBe('successful');
    expect(await reviewRecords.docketing(simulator.database, envelopeId, appearance.id)).toBe('successful');
    expect((await reviewRecords.docketIds(simulator.database, envelopeId)).get(motion.id)).toMatch(/^DKT-\d{7}$/);

    // The case it now keeps is found by the clerk's duplicate-case check, asked in ECF 4.
    const found = await clerk.getCase('2026-CV-001187');
    expect(found.ok && found.value?.title).toBe('Northgate Supply Co. v. Delaney');
    expect(simulator.cms.received.filter((request) => request.operation === 'GetCaseList4')).toHaveLength(1);
  }, 120_000);

  it('GetDocument is not passed to an ECF 4 record system: the filer is told it serves its documents itself', async () => {
    const header = { messageId: 'GETDOC-4', sendingMde: 'https://efsp.example/FilingAssemblyMDE', courtId: 'demo', courtName: null, postedAt: new Date().toISOString() };
    const answer = await askStandardMessage({
      url: `${simulator.url}${endpointPaths.CourtRecordMDE}`, soapAction: operationTable.GetDocument.soapAction,
      body: wrapStandardRequest('GetDocument', documentRequestMessage(header, { caseNumber: '2026-CV-001187', fileControlId: 'DKT-0000001' })),
      credentials: { username: 'efsp', password: 'demo-efsp' },
    });
    expect(answer).toMatchObject({ ok: false, errorCode: '100' });
    expect(answer.ok ? '' : answer.reason).toContain('speaks ECF 4.0 and serves its documents itself');
    expect(simulator.cms.received.some((request) => request.xml.includes('GETDOC-4'))).toBe(false);
  });
});
