import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  envelopeResponseElement, fencedRequestElement, queueRequestElement, queueResponseElement, readEnvelopeResponse, readQueueRequest,
  readQueueResponse, readReviewRequestFields, readSubmitRequest, submitRequestElement,
} from '../../../shared/ecf/clerk-review-service';
import { queueRequestSchema } from '../../../shared/domain/review-queue';
import { anchorRequestElement, anchorResponseElement, getAnchorRequestElement, readAnchorRequest, readAnchorResponse } from '../../../shared/ecf/audit-anchor-messages';
import { ns } from '../../../shared/ecf/namespaces';
import { readWhoAmIResponse, whoAmIResponseElement } from '../../../shared/ecf/supervision-messages';
import { parseXml } from '../../../shared/xml/safe-xml';
import { serializeXml, type XmlElement } from '../../../shared/xml/xml-writer';

const dir = mkdtempSync(path.join(tmpdir(), 'crd-schema-'));
const prefixes = { crd: ns.crd, xop: ns.xop, xmime: ns.xmime };

/** Validates one of our extension-service messages against schemas/clerk-review.xsd with xmllint. */
function validateCrd(element: XmlElement): { valid: boolean; output: string; xml: string } {
  const xml = serializeXml(element, prefixes);
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.resolve('schemas', 'clerk-review.xsd'), file], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { valid: result.status === 0, output: result.stderr, xml };
}

const recorded = { filingId: 'F1', outcome: 'rejected' as const, reasonCode: 'ILLEGIBLE', note: 'Unreadable scan.', correctedFilingCode: null, decidedAt: '2026-11-23T09:00:00Z', reviewerId: 'clerk1' };
const assignedCase = { caseNumber: '2026-CV-000042', title: 'A v. B', courtLocation: 'DT', judge: 'J-101' };

describe('clerk-review extension messages against schemas/clerk-review.xsd', () => {
  it('WhoAmIResponse with the claims held validates and reads back', () => {
    const identity = { userId: 'clerk1', displayName: 'Ana Ruiz', role: 'clerk' as const };
    const heldClaims = [{ envelopeId: 'E1', fencingToken: 7 }, { envelopeId: 'E2', fencingToken: 9007199254740991 }];
    for (const held of [heldClaims, []]) {
      const result = validateCrd(whoAmIResponseElement(identity, held));
      expect(result.output).not.toMatch(/fails to validate/);
      expect(result.valid).toBe(true);
      const parsed = parseXml(result.xml);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(readWhoAmIResponse(parsed.value)).toEqual({ ...identity, heldClaims: held });
    }
  });

  it('GetEnvelopeResponse with earlier episodes validates and reads back', () => {
    const element = envelopeResponseElement({ envelopeId: 'E1', courtLocation: 'DT', filingMessageXml: '<x:FilingMessage xmlns:x="urn:example"/>', paymentMessageXml: null, documents: [], lease: null, recorded: [recorded], assignedCase, cancelled: true });
    const result = validateCrd(element);
    expect(result.output).not.toMatch(/fails to validate/);
    expect(result.valid).toBe(true);
    const parsed = parseXml(result.xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(readEnvelopeResponse(parsed.value)).toMatchObject({ recorded: [recorded], assignedCase, cancelled: true });
  });

  it('ReleaseEnvelopeRequest, at once or after a submission, validates and reads back', () => {
    for (const after of [null, 'key-00000009']) {
      const result = validateCrd(fencedRequestElement('ReleaseEnvelope', 'E1', 4, after));
      expect(result.valid, result.output).toBe(true);
      const parsed = parseXml(result.xml);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(readReviewRequestFields(parsed.value)).toMatchObject({ envelopeId: 'E1', fencingToken: 4, afterSubmission: after });
    }
  });

  it('SubmitFilingReviewRequest with a case assignment validates and reads back; the check is real', () => {
    const request = { idempotencyKey: 'key-00000001', envelopeId: 'E1', fencingToken: 3, decisions: [{ filingId: 'F2', outcome: 'accepted' as const, reasonCode: null, note: null, correctedFilingCode: null, decidedAt: '2026-11-23T09:00:00Z' }], assignedCase, stamped: [] };
    const result = validateCrd(submitRequestElement(request));
    expect(result.valid).toBe(true);
    const parsed = parseXml(result.xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(readSubmitRequest(parsed.value)).toMatchObject({ assignedCase, decisions: request.decisions });
    // Without its decisions the same request is invalid.
    expect(validateCrd(submitRequestElement({ ...request, decisions: [] })).valid).toBe(false);
  });

  it('AnchorAuditLogRequest and AuditAnchorResponse validate and read back; a head without its hash does not', () => {
    const head = { workstationId: 'ws-1', publicKey: Buffer.from('key').toString('base64'), seq: 12, hash: 'a'.repeat(64), at: '2026-12-02T10:00:00Z', signature: Buffer.alloc(64).toString('base64') };
    const request = validateCrd(anchorRequestElement(head));
    expect(request.output).not.toMatch(/fails to validate/);
    const parsedRequest = parseXml(request.xml);
    if (!parsedRequest.ok) throw new Error(parsedRequest.error.message);
    expect(readAnchorRequest(parsedRequest.value)).toEqual(head);
    const anchor = { workstationId: 'ws-1', seq: 12, hash: 'a'.repeat(64), at: '2026-12-02T10:00:00Z', anchoredAt: '2026-12-02T10:00:01Z' };
    for (const element of [anchorResponseElement(anchor), anchorResponseElement(null), getAnchorRequestElement('ws-1')]) expect(validateCrd(element).valid).toBe(true);
    const response = parseXml(validateCrd(anchorResponseElement(anchor)).xml);
    if (!response.ok) throw new Error(response.error.message);
    expect(readAnchorResponse(response.value)).toEqual(anchor);
    expect(validateCrd(anchorRequestElement({ ...head, hash: 'not-a-sha' })).valid).toBe(false);
  });

  it('GetReviewQueue with ChangedSince, and a changes-only answer with removals, validate and read back', () => {
    const request = queueRequestSchema.parse({ pageSize: 500, cursor: 'abc', changedSince: 'token-1' });
    const sent = validateCrd(queueRequestElement(request));
    expect(sent.valid, sent.output).toBe(true);
    const parsedRequest = parseXml(sent.xml);
    if (!parsedRequest.ok) throw new Error(parsedRequest.error.message);
    expect(queueRequestSchema.parse(readQueueRequest(parsedRequest.value))).toEqual(request);
    const item = { envelopeId: 'E1', submittedAt: '2026-12-02T09:00:00Z', courtLocation: 'DT', caseNumber: null, newCase: true, caseCategory: 'CV', caseTitle: null, filingCodes: ['MOT'], filerName: 'Acme Law', filingCount: 2, decidedCount: 1, firstDocumentId: 'D-1', claimedBy: 'clerk1', claimExpiresAt: '2026-12-02T09:05:00Z' };
    const page = { totalCount: 7, items: [item], nextCursor: 'next', changeToken: 'token-2', changesOnly: true, removed: ['E2', 'E3'] };
    const answered = validateCrd(queueResponseElement(page));
    expect(answered.valid, answered.output).toBe(true);
    const parsedAnswer = parseXml(answered.xml);
    if (!parsedAnswer.ok) throw new Error(parsedAnswer.error.message);
    expect(readQueueResponse(parsedAnswer.value)).toEqual(page);
    // A removal is an envelope id: an empty one does not validate.
    expect(validateCrd(queueResponseElement({ ...page, removed: [''] })).valid).toBe(false);
  });
});
