import type { CodeEntry } from '../domain/court-policy';
import type { Envelope } from '../domain/envelope';
import { envelopeReviewStatus, type ReviewDecision } from '../domain/review-decision';
import { el, optional, serializeXml } from '../xml/xml-writer';
import type { AssignedCase } from './record-docketing';
import { ns } from './namespaces';
import { caseFilingHeader, filingOf, rejectionText, reviewDisposition, reviewedDocument, writePrefixes, type Reviewer, type ReviewHeader, type StampedRendition } from './review-parts';

const { nc, j, ecf, reviewfilingcallback } = ns;

/** What the filer is told when review of an envelope is complete. */
export interface NotifyFilingReviewCompleteInput {
  readonly header: ReviewHeader;
  readonly envelope: Envelope;
  readonly reviewer: Reviewer;
  /** A decision for every filing of the envelope. */
  readonly decisions: readonly ReviewDecision[];
  /** The court's rejection reasons, to name the reason beside its code. */
  readonly rejectionReasons: readonly CodeEntry[];
  readonly assignedCase: AssignedCase | null;
  readonly stamped: readonly StampedRendition[];
}

/**
 * Writes `reviewfilingcallback:NotifyFilingReviewCompleteMessage`: the envelope's status (accepted /
 * partially-accepted / rejected), each document's status, and for each rejection the court's reason and the clerk's
 * explanation (ECF requires one).
 */
export function writeNotifyFilingReviewComplete(input: NotifyFilingReviewCompleteInput): string {
  const missing = input.envelope.filings.filter((filing) => !input.decisions.some((d) => d.filingId === filing.id));
  if (missing.length > 0) throw new Error(`Review is not complete: no decision for ${missing.map((f) => f.id).join(', ')}`);
  const status = envelopeReviewStatus(input.decisions);
  const stampedFor = (documentId: string): StampedRendition | null => input.stamped.find((s) => s.documentId === documentId) ?? null;
  const explain = (decision: ReviewDecision): string | null => {
    if (decision.outcome === 'accepted') return decision.note;
    const reason = input.rejectionReasons.find((entry) => entry.code === decision.reasonCode);
    return rejectionText(reason?.name ?? decision.reasonCode, decision.reasonCode, decision.note);
  };
  const decided = input.decisions.map((decision) => ({ decision, filing: filingOf(input.envelope, decision.filingId) }));

  const connected = decided.flatMap(({ decision, filing }) =>
    filing.connectedDocuments.map((document) =>
      el(ecf, 'ConnectedDocumentReview',
        reviewDisposition(decision.outcome, decision.outcome === 'rejected' ? explain(decision) : null, decision.decidedAt, input.reviewer),
        reviewedDocument(document, { id: `reviewed-${document.id}`, filingCode: null, stamped: decision.outcome === 'accepted' ? stampedFor(document.id) : null }))));
  const leads = decided.map(({ decision, filing }) =>
    el(ecf, 'LeadDocumentReview',
      reviewDisposition(decision.outcome, explain(decision), decision.decidedAt, input.reviewer),
      reviewedDocument(filing.leadDocument, {
        id: `reviewed-${filing.leadDocument.id}`,
        filingCode: decision.outcome === 'accepted' ? (decision.correctedFilingCode ?? filing.filingCode) : filing.filingCode,
        stamped: decision.outcome === 'accepted' ? stampedFor(filing.leadDocument.id) : null,
      })));
  const rejected = decided.filter(({ decision }) => decision.outcome === 'rejected');
  const summary = rejected.length > 0 ? `${rejected.length} of ${decided.length} filing(s) rejected; see each document's review status for the reason.` : null;

  const kase = input.envelope.case;
  return serializeXml(
    el(reviewfilingcallback, 'NotifyFilingReviewCompleteMessage',
      caseFilingHeader(input.header),
      connected,
      el(ecf, 'FilingStatus', optional(nc, 'StatusDescriptionText', summary), el(ecf, 'FilingReviewStatusCode', status)),
      leads,
      el(nc, 'Case',
        optional(nc, 'CaseTitleText', input.assignedCase?.title ?? kase.title),
        el(ecf, 'CaseAugmentation',
          optional(ecf, 'CaseCategoryCode', kase.category),
          input.assignedCase?.trackingId ? el(ecf, 'CaseTrackingID', el(nc, 'IdentificationID', input.assignedCase.trackingId)) : null,
          optional(ecf, 'CaseTypeCode', kase.type),
          optional(j, 'CaseNumberText', input.assignedCase?.caseNumber ?? kase.number)))),
    writePrefixes,
  );
}

/**
 * The NotifyFilingReviewCompleteMessage for a filing the court cancelled at the filer's request (ECF 5.0 §6.1.7: it
 * MUST carry FilingReviewStatusCode "cancelled" and the filing identifier). Nothing was reviewed: each lead document
 * stands as received, with the reason; the Filing Review MDE is the reviewer.
 */
export function writeCancellationNotice(header: ReviewHeader, envelope: Envelope, reason: string): string {
  const reviewer = { id: 'filing-review-mde', name: 'Filing Review MDE' };
  const kase = envelope.case;
  return serializeXml(
    el(reviewfilingcallback, 'NotifyFilingReviewCompleteMessage',
      caseFilingHeader(header),
      el(ecf, 'FilingStatus', el(nc, 'StatusDescriptionText', reason), el(ecf, 'FilingReviewStatusCode', 'cancelled')),
      envelope.filings.map((filing) => el(ecf, 'LeadDocumentReview',
        reviewDisposition('received', reason, header.postedAt, reviewer),
        reviewedDocument(filing.leadDocument, { id: `reviewed-${filing.leadDocument.id}`, filingCode: filing.filingCode, stamped: null }))),
      el(nc, 'Case',
        optional(nc, 'CaseTitleText', kase.title),
        el(ecf, 'CaseAugmentation', optional(ecf, 'CaseCategoryCode', kase.category), optional(ecf, 'CaseTypeCode', kase.type), optional(j, 'CaseNumberText', kase.number)))),
    writePrefixes,
  );
}
