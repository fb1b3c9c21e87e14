import { codeName, type CodeEntry, type CourtPolicy } from '../../../shared/domain/court-policy';
import type { ReviewDecision } from '../../../shared/domain/review-decision';
import { ns } from '../../../shared/ecf/namespaces';
import { writeRecordDocketing, type AssignedCase } from '../../../shared/ecf/record-docketing';
import { writeFilingMessage } from '../../../shared/ecf/write-filing-message';
import { paymentReceiptXml } from '../../../shared/ecf/write-payment-message';
import { el, rawXml, type XmlElement } from '../../../shared/xml/xml-writer';
import type { MimePart } from '../../soap/mtom';
import type { Sql } from '../db/sql-database';
import { reviewRecords } from '../store/review-records';

/** The MTOM content id a docketed document travels under: its stamped rendition, or the document as filed. */
export function renditionContentId(kind: 'stamped' | 'filed', documentId: string): string {
  return `${kind}-${documentId}@clerk-review`;
}

/** What a RecordDocketing is composed for: these accepted filings of one envelope, under this message id. */
export interface DocketingRequest {
  readonly messageId: string;
  readonly envelopeId: string;
  readonly filingIds: readonly string[];
}

/** Where the message says it comes from, and how it is checked before it leaves. */
export interface ComposeContext {
  readonly court: CourtPolicy;
  /** The service's FilingReviewMDE URL (ecf:SendingMDELocationID). */
  readonly sendingMde: string;
  readonly baseUrl: string;
  readonly now: () => number;
  readonly validateEcf?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** Checks what goes to an ECF 4.0 record system against the ECF 4.0 schemas. */
  readonly validateEcf4?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** The service's ECF 4.0 FilingReviewMDEPort URL, named in messages to an ECF 4 record system. */
  readonly sendingMde4?: string;
  /** A document as filed (its bytes and SHA-256): docketed unstamped documents travel as they came. */
  readonly original: (envelopeId: string, documentId: string) => Promise<{ readonly bytes: Uint8Array; readonly sha256: string } | null>;
}

/**
 * The service writes RecordDocketing itself (seed 000 process #4), from what it recorded: the filing message as
 * received (with the court's identifiers), the accepted decisions and who made them, the case the clerk opened, and
 * the stamped renditions, which travel as MTOM parts named in the message. Checked against the ECF schemas when a
 * validator is configured: an invalid message never reaches the record system.
 */
export async function composeRecordDocketing(sql: Sql, request: DocketingRequest, context: ComposeContext): Promise<{ body: XmlElement; parts: MimePart[] }> {
  const stored = await reviewRecords.envelope(sql, request.envelopeId);
  if (!stored) throw new Error(`no envelope ${request.envelopeId}`);
  const envelope = stored.demo.envelope;
  const decided = (await reviewRecords.decisionsWithReviewer(sql, request.envelopeId)).filter(({ decision }) => decision.outcome === 'accepted' && request.filingIds.includes(decision.filingId));
  const first = decided[0];
  if (!first) throw new Error(`no accepted filing among ${request.filingIds.join(', ')}`);
  const accepted: Extract<ReviewDecision, { outcome: 'accepted' }>[] = decided.map(({ decision }) => ({
    outcome: 'accepted', envelopeId: request.envelopeId, filingId: decision.filingId, correctedFilingCode: decision.correctedFilingCode,
    note: decision.note, reviewer: decision.reviewerId, decidedAt: decision.decidedAt,
  }));
  const documentIds = new Set(envelope.filings.filter((filing) => request.filingIds.includes(filing.id)).flatMap((filing) => [filing.leadDocument.id, ...filing.connectedDocuments.map((d) => d.id)]));
  const stamped = (await reviewRecords.stampedDocuments(sql, request.envelopeId)).filter((s) => documentIds.has(s.documentId));
  const renditions = stamped.map((s) => ({ documentId: s.documentId, contentId: renditionContentId('stamped', s.documentId), sha256: s.sha256, sizeBytes: s.bytes.length }));
  // Every docketed document reaches the record system with its hash: the stamped rendition, or the one filed.
  const originals: { documentId: string; contentId: string; sha256: string; sizeBytes: number; bytes: Uint8Array }[] = [];
  for (const documentId of documentIds) {
    if (stamped.some((s) => s.documentId === documentId)) continue;
    const original = await context.original(request.envelopeId, documentId);
    if (!original) throw new Error(`document ${documentId} of ${request.envelopeId} is not on record`);
    originals.push({ documentId, contentId: renditionContentId('filed', documentId), sha256: original.sha256, sizeBytes: original.bytes.length, bytes: original.bytes });
  }
  const xml = writeRecordDocketing({
    header: { messageId: request.messageId, sendingMde: context.sendingMde, courtId: context.court.courtId, courtName: context.court.courtName, postedAt: new Date(context.now()).toISOString() },
    envelope,
    filingMessageXml: stored.filingMessageXml ?? writeFilingMessage(envelope, context.baseUrl),
    reviewer: first.reviewer,
    accepted,
    assignedCase: assignedCaseOf(stored.assignedCase, context.court),
    stamped: renditions,
    originals,
  });
  if (context.validateEcf) {
    const validation = await context.validateEcf(xml);
    if (!validation.valid) throw new Error(`it is not schema-valid: ${validation.output.slice(0, 300)}`);
  }
  // Seed 000 process #4: the RecordDocketing goes with the envelope's PaymentMessage.
  const paymentXml = paymentReceiptXml(stored.demo.payment);
  return {
    body: el(ns.wrapper, 'RecordDocketingRequest', rawXml(xml), paymentXml ? rawXml(paymentXml) : null),
    parts: [
      ...stamped.map((s) => ({ contentId: renditionContentId('stamped', s.documentId), contentType: 'application/pdf', body: s.bytes })),
      ...originals.map((o) => ({ contentId: o.contentId, contentType: 'application/pdf', body: o.bytes })),
    ],
  };
}

/** The case the clerk (or the record system) opened, with the court's names for its location and judge. */
export function assignedCaseOf(assigned: { caseNumber: string; title: string; courtLocation: string; judge: string } | null, court: CourtPolicy): AssignedCase | null {
  if (!assigned) return null;
  const entry = (list: readonly CodeEntry[], code: string): CodeEntry => ({ code, name: codeName(list, code) });
  return { caseNumber: assigned.caseNumber, trackingId: null, title: assigned.title, courtLocation: entry(court.courtLocations, assigned.courtLocation), judge: entry(court.judges, assigned.judge) };
}
