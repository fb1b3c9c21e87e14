import type { CourtPolicy } from '../../../shared/domain/court-policy';
import type { ReviewDecision } from '../../../shared/domain/review-decision';
import { filerIdentifiers } from '../../../shared/ecf/court-identifiers';
import { writeNotifyFilingReviewComplete } from '../../../shared/ecf/notify-filing-review-complete';
import { rejectionText, type Reviewer, type StampedRendition } from '../../../shared/ecf/review-parts';
import { notifyFilingReviewCompleteMessages4, type FilingReview4 } from '../../../shared/ecf4/review-filing-callback';
import { paymentReceiptXml } from '../../../shared/ecf/write-payment-message';
import type { RecordedDecision } from '../../../shared/ecf/clerk-review-service';
import { rawXml } from '../../../shared/xml/xml-writer';
import { parseXml } from '../../../shared/xml/safe-xml';
import type { Sql } from '../db/sql-database';
import { reviewRecords, type StoredEnvelope } from '../store/review-records';
import { assignedCaseOf, renditionContentId } from './compose-record-docketing';

/** Where the filer's callback says it comes from, and how it is checked before it leaves. */
export interface ReviewCompleteContext {
  readonly court: CourtPolicy;
  /** The service's FilingReviewMDE URL (ecf:SendingMDELocationID). */
  readonly sendingMde: string;
  /** Its ECF 4.0 FilingReviewMDEPort URL, named in callbacks to ECF 4 filers. */
  readonly sendingMde4?: string;
  readonly now: () => number;
  readonly validateEcf?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** Checks the callbacks to an ECF 4 filer against the ECF 4.0 schemas. */
  readonly validateEcf4?: (xml: string) => Promise<{ valid: boolean; output: string }>;
}

/**
 * The content of the NotifyFilingReviewCompleteRequest the service sends the filer once review is complete and every
 * accepted filing is docketed (ECF 5.0 §6.1.10, seed 001), composed from what the service recorded — not from what a
 * desktop wrote before docketing: every decision with its own clerk, the court's and the filer's identifiers of the
 * envelope and of each filing (as Tyler's ECF 5 messages carry them), the docket entry the record system gave each
 * docketed filing, the SHA-256 of every document (the stamped rendition, else the one filed), the case as the court
 * opened it (with the record system's number where it numbers cases), and the payment receipt when anything was
 * accepted. Returns the message and the receipt, ready to be put in the request.
 */
export async function composeReviewComplete(sql: Sql, envelopeId: string, context: ReviewCompleteContext): Promise<string> {
  const stored = await reviewRecords.envelope(sql, envelopeId);
  if (!stored) throw new Error(`no envelope ${envelopeId}`);
  const recorded = await reviewRecords.decisionsWithReviewer(sql, envelopeId);
  const decisions = recorded.map(({ decision }) => reviewDecisionOf(envelopeId, decision));
  const stamped: StampedRendition[] = (await reviewRecords.stampedDocuments(sql, envelopeId))
    .map((s) => ({ documentId: s.documentId, contentId: renditionContentId('stamped', s.documentId), sha256: s.sha256, sizeBytes: s.bytes.length }));
  const originals: StampedRendition[] = (await reviewRecords.receivedDocumentHashes(sql, envelopeId))
    .map((d) => ({ documentId: d.documentId, contentId: renditionContentId('filed', d.documentId), sha256: d.sha256, sizeBytes: d.sizeBytes }));
  if (stored.filedAs === '4.0') {
    return composeReviewComplete4(stored, { decisions, stamped, originals, docketIds: await reviewRecords.docketIds(sql, envelopeId) }, context);
  }
  const first = recorded[0];
  if (!first) throw new Error(`envelope ${envelopeId} has no decision`);
  const reviewers = new Map<string, Reviewer>(recorded.map(({ reviewer }) => [reviewer.id, reviewer]));
  const filed = stored.filingMessageXml ? parseXml(stored.filingMessageXml) : null;
  const filer = filed?.ok ? filerIdentifiers(filed.value) : { messageId: null, documents: new Map<string, string>() };
  const xml = writeNotifyFilingReviewComplete({
    header: { messageId: `NFRC-${envelopeId}`, sendingMde: context.sendingMde, courtId: context.court.courtId, courtName: context.court.courtName, postedAt: new Date(context.now()).toISOString() },
    envelope: stored.demo.envelope,
    reviewer: first.reviewer,
    reviewers,
    decisions,
    rejectionReasons: context.court.rejectionReasons,
    assignedCase: assignedCaseOf(stored.assignedCase, context.court),
    stamped,
    originals,
    docketIds: await reviewRecords.docketIds(sql, envelopeId),
    filerIds: { ...filer, envelopeId },
  });
  if (context.validateEcf) {
    const validation = await context.validateEcf(xml);
    if (!validation.valid) throw new Error(`it is not schema-valid: ${validation.output.slice(0, 300)}`);
  }
  // The court charges for what it accepted: an envelope rejected whole gets no receipt.
  const receipt = decisions.some((d) => d.outcome === 'accepted') ? paymentReceiptXml(stored.demo.payment) : null;
  return rawXml(xml).raw + (receipt ? rawXml(receipt).raw : '');
}

/**
 * The ECF 4.0 callbacks of an envelope an ECF 4 filer sent (one NotifyFilingReviewCompleteRequestMessage per filing,
 * see {@link notifyFilingReviewCompleteMessages4}), composed from the filer's message as sent and what the service
 * recorded; a cancelled envelope's filings are each reported cancelled. Each is checked against the ECF 4 schemas
 * when a validator is configured. Returned one after the other; the filer callbacks send each in turn.
 */
async function composeReviewComplete4(stored: StoredEnvelope, recorded: {
  decisions: readonly ReviewDecision[]; stamped: StampedRendition[]; originals: StampedRendition[]; docketIds: ReadonlyMap<string, string>;
}, context: ReviewCompleteContext): Promise<string> {
  const filed = stored.filedXml ? parseXml(stored.filedXml) : null;
  if (!filed?.ok) throw new Error('the ECF 4 message the filer sent is not kept');
  const now = new Date(context.now()).toISOString();
  const reviews = stored.demo.envelope.filings.map((filing): FilingReview4 => {
    const decision = recorded.decisions.find((d) => d.filingId === filing.id);
    const common = { filingId: filing.id, docketId: recorded.docketIds.get(filing.id) ?? null };
    if (!decision) {
      if (!stored.cancelled) throw new Error(`filing ${filing.id} has no decision`);
      return { ...common, status: 'cancelled', explanation: 'Cancelled at the filer\'s request before clerk review', at: now, filingCode: filing.filingCode };
    }
    if (decision.outcome === 'accepted') {
      return { ...common, status: 'accepted', explanation: decision.note, at: decision.decidedAt, filingCode: decision.correctedFilingCode ?? filing.filingCode };
    }
    const reason = context.court.rejectionReasons.find((entry) => entry.code === decision.reasonCode);
    const explanation = rejectionText(reason?.name ?? decision.reasonCode, decision.reasonCode, decision.note);
    return { ...common, status: 'rejected', explanation, at: decision.decidedAt, filingCode: filing.filingCode };
  });
  const messages = notifyFilingReviewCompleteMessages4({
    sendingMde: context.sendingMde4 ?? context.sendingMde, postedAt: now, envelope: stored.demo.envelope, filed: filed.value, reviews,
    assignedCase: assignedCaseOf(stored.assignedCase, context.court), stamped: recorded.stamped, originals: recorded.originals, payment: stored.demo.payment,
  });
  for (const xml of messages) {
    const validation = context.validateEcf4 ? await context.validateEcf4(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`) : { valid: true, output: '' };
    if (!validation.valid) throw new Error(`it is not valid against the ECF 4.0 schemas: ${validation.output.slice(0, 300)}`);
  }
  return messages.join('');
}

/** A decision as the service recorded it, in the shared decision shape. */
function reviewDecisionOf(envelopeId: string, decision: RecordedDecision): ReviewDecision {
  const common = { envelopeId, filingId: decision.filingId, reviewer: decision.reviewerId, decidedAt: decision.decidedAt };
  return decision.outcome === 'rejected'
    ? { ...common, outcome: 'rejected', reasonCode: decision.reasonCode ?? '', note: decision.note ?? '' }
    : { ...common, outcome: 'accepted', correctedFilingCode: decision.correctedFilingCode, note: decision.note };
}
