import { describe, expect, it } from 'vitest';
import { documentRequestMessage, documentResponseMessage, readDocumentRequest, readDocumentResponse } from '../../../shared/ecf/document-messages';
import { ns } from '../../../shared/ecf/namespaces';
import { wrapStandardRequest, wrapStandardResponse } from '../../../shared/ecf/standard-operations';
import { parseXml } from '../../../shared/xml/safe-xml';
import { serializeXml } from '../../../shared/xml/xml-writer';
import { validateEcfBatch } from '../../fixtures/ecf-validate';

const header = { messageId: 'DOC-1', sendingMde: 'https://court.example/CourtRecordMDE', courtId: 'demo', courtName: 'Demo Court', postedAt: '2026-12-06T10:00:00Z' };
const prefixes = Object.fromEntries(Object.entries(ns).filter(([prefix]) => !['soap', 'soap12', 'wsse', 'wsu', 'crd', 'xop', 'xmime', 'genericode'].includes(prefix)));

describe('GetDocument messages (seed 001 §6.1.15)', () => {
  const request = serializeXml(wrapStandardRequest('GetDocument', documentRequestMessage(header, { caseNumber: '2026-CV-000123', fileControlId: 'DKT-0000042' })), prefixes);
  const response = serializeXml(wrapStandardResponse('GetDocument', documentResponseMessage(header, {
    caseNumber: '2026-CV-000123', fileControlId: 'DKT-0000042', title: 'Complaint', sha256: 'a'.repeat(64), sizeBytes: 1234, contentType: 'application/pdf', contentId: 'docketed-1@cms',
  })), prefixes);

  it('request and response validate against the OASIS and Tyler schemas', () => {
    for (const set of ['oasis', 'tyler'] as const) {
      for (const result of validateEcfBatch([request, response], set)) expect(result.valid, `${set}: ${result.output}`).toBe(true);
    }
  });

  it('read back: the case and file control id asked for, the hash and the MTOM part answered', () => {
    const asked = parseXml(request);
    const answered = parseXml(response);
    if (!asked.ok || !answered.ok) throw new Error('unreadable');
    const message = asked.value.getElementsByTagNameNS(ns.documentrequest, 'GetDocumentRequestMessage')[0];
    expect(message ? readDocumentRequest(message) : null).toEqual({ caseNumber: '2026-CV-000123', fileControlId: 'DKT-0000042' });
    expect(readDocumentResponse(answered.value)).toEqual({ fileControlId: 'DKT-0000042', sha256: 'a'.repeat(64), contentId: 'docketed-1@cms' });
  });
});
