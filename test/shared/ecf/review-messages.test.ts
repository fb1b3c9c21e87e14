import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/domain/envelope';
import type { ReviewDecision } from '../../../shared/domain/review-decision';
import { findFilingMessages, readFilingMessage } from '../../../shared/ecf/filing-message';
import { writeNotifyFilingReviewComplete } from '../../../shared/ecf/notify-filing-review-complete';
import { writeRecordDocketing, type AssignedCase } from '../../../shared/ecf/record-docketing';
import { parseXml } from '../../../shared/xml/safe-xml';
import { child, descendants, text } from '../../../shared/xml/xml-query';
import { ns } from '../../../shared/ecf/namespaces';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';

const source = readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'new-civil-filing.xml'), 'utf8');
const tyler = readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'tyler-reviewfilingrequest.xml'), 'utf8');

function envelopeOf(xml: string): { envelope: Envelope; filingMessageXml: string } {
  const root = parseXml(xml);
  if (!root.ok) throw new Error(root.error.message);
  const [message] = findFilingMessages(root.value);
  if (!message) throw new Error('no FilingMessage');
  const envelope = readFilingMessage(message);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return { envelope: envelope.value, filingMessageXml: message.toString() };
}

const header = { messageId: 'RD-0001', sendingMde: 'https://efm.demo.invalid/ecf5', courtId: 'harris:dc', courtName: 'Harris County District Court', postedAt: '2026-11-22T16:20:00Z' };
const reviewer = { id: 'clerk.doe', name: 'Jane Doe, Deputy Clerk' };
const assignedCase: AssignedCase = { caseNumber: '2026-CV-000123', trackingId: 'TRK-77', title: 'John W. Doe v. Jane Q Smith', courtLocation: { code: 'DT', name: 'Downtown' }, judge: { code: 'J-17', name: 'Hon. A. Rivera' } };
const accepted: Extract<ReviewDecision, { outcome: 'accepted' }> = { outcome: 'accepted', envelopeId: 'E', filingId: 'Filing1', correctedFilingCode: 'COMPLT-CIV', note: 'Accepted; summons to issue.', reviewer: 'clerk.doe', decidedAt: '2026-11-22T16:15:00Z' };
const rejected: ReviewDecision = { outcome: 'rejected', envelopeId: 'E', filingId: 'Filing2', reasonCode: 'MISSING-SIGNATURE', note: 'The summons is not signed by the attorney of record.', reviewer: 'clerk.doe', decidedAt: '2026-11-22T16:16:00Z' };
const stamped = [{ documentId: 'Filing1', contentId: 'stamped-Filing1@clerk-review', sha256: 'a'.repeat(64), sizeBytes: 34567 }];

describe('docket:RecordDocketingMessage', () => {
  it('validates against the ECF 5.0 schemas, with case assignment, stamped rendition and connected document', () => {
    const { envelope, filingMessageXml } = envelopeOf(tyler);
    const xml = writeRecordDocketing({ header, envelope, filingMessageXml, reviewer, accepted: [accepted], assignedCase, stamped });
    const result = validateEcf(xml);
    expect(result.valid, result.output).toBe(true);

    const root = parseXml(xml);
    if (!root.ok) throw new Error(root.error.message);
    expect(text(descendants(root.value, ns.j, 'CaseNumberText')[0])).toBe('2026-CV-000123');
    expect(descendants(root.value, ns.ecf, 'DocumentRenditionHash').map(text)).toEqual(['a'.repeat(64)]);
    expect(descendants(root.value, ns.ecf, 'LeadDocumentReview')).toHaveLength(1);
    expect(descendants(root.value, ns.ecf, 'ConnectedDocumentReview')).toHaveLength(1);
    expect(text(descendants(root.value, ns.ecf, 'RegisterActionDescriptionCode').find((e) => e.parentNode?.parentNode?.localName === 'ReviewedDocument'))).toBe('COMPLT-CIV');
  });

  it('CorrectedCase is the whole case: parties, attorneys and category with the clerk\'s number, title, court and judge', async () => {
    const { envelope, filingMessageXml } = envelopeOf(tyler);
    const xml = writeRecordDocketing({ header, envelope, filingMessageXml, reviewer, accepted: [accepted], assignedCase, stamped });
    for (const set of ['oasis', 'tyler'] as const) for (const result of validateEcfBatch([xml], set)) expect(result.valid, result.output).toBe(true);
    const root = parseXml(xml);
    if (!root.ok) throw new Error(root.error.message);
    const corrected = descendants(root.value, ns.docket, 'CorrectedCase')[0];
    if (!corrected) throw new Error('no CorrectedCase');
    const texts = (local: string): string[] => descendants(corrected, '*', local).map((e) => text(e) ?? '');
    expect(texts('CaseNumberText')).toEqual(['2026-CV-000123']);
    expect(texts('CaseTitleText')).toEqual(['John W. Doe v. Jane Q Smith']);
    expect(texts('CaseCategoryCode')).toEqual([envelope.case.category ?? '']);
    expect(texts('OrganizationSubUnitName')).toEqual(['DT']);
    expect(texts('PersonFullName')).toEqual(expect.arrayContaining(['Hon. A. Rivera', ...envelope.parties.filter((p) => p.kind === 'person').map((p) => p.name)]));
    expect(descendants(corrected, ns.ecf, 'CaseParty')).toHaveLength(envelope.parties.length);
    expect(descendants(corrected, ns.j, 'CaseOfficial')).toHaveLength(envelope.attorneys.length);
    // Its ids are its own: every structures:id in the message is unique, and its references point inside it.
    const ids = descendants(root.value, '*', '*').map((e) => e.getAttributeNS(ns.structures, 'id')).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of descendants(corrected, ns.ecf, 'CaseRepresentedParty')) expect(ref.getAttributeNS(ns.structures, 'ref')).toMatch(/^corrected-/);
  });

  it('validates without a case assignment (subsequent filing) and escapes what the clerk typed', () => {
    const { envelope, filingMessageXml } = envelopeOf(source);
    const decision = { ...accepted, filingId: 'Document1', correctedFilingCode: null, note: 'Fees <waived> & "noted"' };
    const xml = writeRecordDocketing({ header, envelope, filingMessageXml, reviewer, accepted: [decision], assignedCase: null, stamped: [] });
    const result = validateEcf(xml);
    expect(result.valid, result.output).toBe(true);
    const root = parseXml(xml);
    expect(root.ok && text(child(root.value, ns.docket, 'FilingReviewCommentsText'))).toBe('Fees <waived> & "noted"');
  });

  it('the schema check is real: the same message with two elements swapped is invalid', () => {
    const { envelope, filingMessageXml } = envelopeOf(tyler);
    const xml = writeRecordDocketing({ header, envelope, filingMessageXml, reviewer, accepted: [accepted], assignedCase, stamped });
    const swapped = xml.replace(/(<ecf:SendingMDELocationID>.*?<\/ecf:SendingMDELocationID>)(<ecf:ServiceInteractionProfileCode>.*?<\/ecf:ServiceInteractionProfileCode>)/, '$2$1');
    expect(swapped).not.toBe(xml);
    expect(validateEcf(swapped).valid).toBe(false);
  });

  it('refuses to write a docketing message with nothing accepted', () => {
    const { envelope, filingMessageXml } = envelopeOf(source);
    expect(() => writeRecordDocketing({ header, envelope, filingMessageXml, reviewer, accepted: [], assignedCase: null, stamped: [] })).toThrow();
  });
});

describe('reviewfilingcallback:NotifyFilingReviewCompleteMessage', () => {
  const rejectionReasons = [{ code: 'MISSING-SIGNATURE', name: 'Document not signed' }];

  it('partially accepted: validates, and the rejected filing carries the reason and the note', () => {
    const { envelope } = envelopeOf(tyler);
    const xml = writeNotifyFilingReviewComplete({ header, envelope, reviewer, decisions: [accepted, rejected], rejectionReasons, assignedCase, stamped });
    const result = validateEcf(xml);
    expect(result.valid, result.output).toBe(true);
    const root = parseXml(xml);
    if (!root.ok) throw new Error(root.error.message);
    expect(text(descendants(root.value, ns.ecf, 'FilingReviewStatusCode')[0])).toBe('partially-accepted');
    const statuses = descendants(root.value, ns.ecf, 'DocumentReviewStatus').map((s) => [text(child(s, ns.nc, 'StatusText')), text(child(s, ns.nc, 'StatusDescriptionText'))]);
    expect(statuses).toContainEqual(['rejected', 'Document not signed (MISSING-SIGNATURE): The summons is not signed by the attorney of record.']);
    expect(statuses.filter(([status]) => status === 'accepted')).toHaveLength(2);
    // The filer learns the court, location and judge the case was assigned, valid for Tyler's schemas too.
    const judge = descendants(root.value, ns.j, 'CaseJudge')[0];
    expect(text(descendants(judge ?? root.value, ns.nc, 'PersonFullName')[0])).toBe('Hon. A. Rivera');
    expect(text(descendants(judge ?? root.value, ns.nc, 'IdentificationID')[0])).toBe('J-17');
    expect(text(descendants(root.value, ns.nc, 'OrganizationSubUnitName')[0])).toBe('DT');
    const [tylerResult] = validateEcfBatch([xml], 'tyler');
    expect(tylerResult?.valid, tylerResult?.output).toBe(true);
  });

  it('all rejected and all accepted envelopes validate too', () => {
    const { envelope } = envelopeOf(tyler);
    const allRejected = [{ ...rejected, filingId: 'Filing1' }, rejected];
    const allAccepted = [accepted, { ...accepted, filingId: 'Filing2', correctedFilingCode: null }];
    for (const [decisions, status] of [[allRejected, 'rejected'], [allAccepted, 'accepted']] as const) {
      const xml = writeNotifyFilingReviewComplete({ header, envelope, reviewer, decisions, rejectionReasons, assignedCase: null, stamped: [] });
      const result = validateEcf(xml);
      expect(result.valid, result.output).toBe(true);
      expect(xml).toContain(`<ecf:FilingReviewStatusCode>${status}</ecf:FilingReviewStatusCode>`);
    }
  });

  it('is not written before every filing is decided', () => {
    const { envelope } = envelopeOf(tyler);
    expect(() => writeNotifyFilingReviewComplete({ header, envelope, reviewer, decisions: [accepted], rejectionReasons, assignedCase: null, stamped: [] })).toThrow(/no decision for Filing2/);
  });
});
