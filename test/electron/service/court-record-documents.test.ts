import { createHash } from 'node:crypto';
import { XMLSerializer } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { reviewRecords } from '../../../electron/service/store/review-records';
import { askStandardMessage } from '../../../electron/soap/send-standard-message';
import { documentRequestMessage, readDocumentResponse } from '../../../shared/ecf/document-messages';
import { endpointPaths, operationTable } from '../../../shared/ecf/operation-table';
import { unwrapMessage, wrapStandardRequest } from '../../../shared/ecf/standard-operations';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';

// A filer's EFSP fetching a docketed document through the service's CourtRecordMDE, from the record system.
const envelopes = makeDemoEnvelopes(30);
const target = envelopes.find((d) => !d.envelope.case.isNew && d.envelope.filings.length === 1 && d.documents.every((doc) => doc.kind === 'plain'));
let service: EfmSimulator;
const header = { messageId: 'GETDOC-1', sendingMde: 'https://efsp.example/FilingAssemblyMDE', courtId: 'demo', courtName: null, postedAt: new Date().toISOString() };
const getDocument = (fileControlId: string, caseNumber: string | null) => askStandardMessage({
  url: `${service.url}${endpointPaths.CourtRecordMDE}`, soapAction: operationTable.GetDocument.soapAction,
  body: wrapStandardRequest('GetDocument', documentRequestMessage(header, { caseNumber, fileControlId })),
  credentials: { username: 'efsp', password: 'demo-efsp' }, maxResponseBytes: 64 * 1024 * 1024,
});

beforeAll(async () => {
  service = await new EfmSimulator({ envelopes, validateEcf: async (xml) => validateEcf(xml), cms: { delayMs: 1, failureRate: 0, model: 'per-filing', validateEcf: async (xml) => validateEcf(xml) } }).start();
});
afterAll(() => service.close());

describe('GetDocument at the CourtRecordMDE (seed 001 §6.1.15): a docketed document from the court record system', () => {
  it('serves the docketed rendition by the docket entry the filer was told, bytes matching its SHA-256', async () => {
    if (!target) throw new Error('no single-filing envelope in the demo data');
    const clerk = new EfmClient({ endpoint: service.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
    const lease = await clerk.claim(target.envelope.id);
    if (!lease.ok) throw new Error(lease.error.message);
    const filingId = target.envelope.filings[0]?.id ?? '';
    const decided = await submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
      envelopeId: target.envelope.id, fencingToken: lease.value.fencingToken, idempotencyKey: 'getdoc-1', decidedAt: new Date().toISOString(),
      decisions: [{ outcome: 'accepted', filingId, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [],
    });
    expect(decided).toMatchObject({ ok: true });
    await service.whenDocketingIdle();
    const docketId = (await reviewRecords.docketIds(service.database, target.envelope.id)).get(filingId);
    if (!docketId) throw new Error('the filing was not docketed');

    const answer = await getDocument(docketId, target.envelope.case.number);
    if (!answer.ok) throw new Error(answer.reason);
    const response = unwrapMessage(answer.body);
    const served = response ? readDocumentResponse(response) : null;
    const part = served?.contentId ? answer.parts.get(served.contentId) : undefined;
    if (!response || !served || !part) throw new Error('no document in the answer');
    const sha256 = createHash('sha256').update(part.body).digest('hex');
    expect(served).toMatchObject({ fileControlId: docketId, sha256 });
    // The very document docketed: the one filed (nothing was stamped), as the service holds it.
    const lead = target.envelope.filings[0]?.leadDocument.id ?? '';
    const filed = await clerk.getDocument(target.envelope.id, lead);
    expect(filed.ok && createHash('sha256').update(filed.value.bytes).digest('hex')).toBe(sha256);
    expect(service.cms.received.filter((r) => r.operation === 'GetDocument')).toHaveLength(1);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(response)}`;
    for (const set of ['oasis', 'tyler'] as const) {
      const [result] = validateEcfBatch([xml], set);
      expect(result?.valid, `${set}: ${result?.output}`).toBe(true);
    }
  });

  it('an unknown document, or one asked for under another case, is error 100 in a fault', async () => {
    const unknown = await getDocument('DKT-9999999', null);
    expect(unknown).toMatchObject({ ok: false, retryable: false, errorCode: '100', reason: expect.stringContaining('No docketed document DKT-9999999') });
    const docketed = target ? (await reviewRecords.docketIds(service.database, target.envelope.id)).values().next().value : undefined;
    const otherCase = await getDocument(docketed ?? '', '1999-CV-000001');
    expect(otherCase).toMatchObject({ ok: false, errorCode: '100' });
  });
});
