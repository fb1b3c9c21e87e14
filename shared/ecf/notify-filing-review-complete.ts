import type { CodeEntry } from '../domain/court-policy';
import type { Envelope } from '../domain/envelope';
import { envelopeReviewStatus, type ReviewDecision } from '../domain/review-decision';
import { el, optional, serializeXml, type XmlElement } from '../xml/xml-writer';
import type { AssignedCase } from './record-docketing';
import { caseJusticeAugmentation } from './write-filing-message';
import type { FilerIdentifiers } from './court-identifiers';
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
  /** Who decided, by reviewer id: episodes of one envelope may have different clerks (else `reviewer`). */
  readonly reviewers?: ReadonlyMap<string, Reviewer>;
  /** The docket entry the court record system gave each docketed filing, by filing id (NotifyDocketingComplete). */
  readonly docketIds?: ReadonlyMap<string, string>;
  /** Each document as filed, for the SHA-256 every document carries where no stamped rendition replaced it. */
  readonly originals?: readonly StampedRendition[];
  /** The filer's own identifiers, named beside the court's (the court's envelope id comes with them). */
  readonly filerIds?: FilerIdentifiers & { readonly envelopeId: string };
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
  const originalFor = (documentId: string): StampedRendition | null => input.originals?.find((s) => s.documentId === documentId) ?? null;
  const explain = (decision: ReviewDecision): string | null => {
    if (decision.outcome === 'accepted') return decision.note;
    const reason = input.rejectionReasons.find((entry) => entry.code === decision.reasonCode);
    return rejectionText(reason?.name ?? decision.reasonCode, decision.reasonCode, decision.note);
  };
  const reviewerOf = (decision: ReviewDecision): Reviewer => input.reviewers?.get(decision.reviewer) ?? input.reviewer;
  // With the filer's identifiers given, the message names the court's ones as Tyler's do, and no MTOM part travels.
  const named = input.filerIds
    ? (documentId: string, category: 'filingID' | 'documentID') => ({ category, filerId: input.filerIds?.documents.get(documentId) ?? null, attached: false })
    : () => ({});
  const decided = input.decisions.map((decision) => ({ decision, filing: filingOf(input.envelope, decision.filingId) }));

  const connected = decided.flatMap(({ decision, filing }) =>
    filing.connectedDocuments.map((document) =>
      el(ecf, 'ConnectedDocumentReview',
        reviewDisposition(decision.outcome, decision.outcome === 'rejected' ? explain(decision) : null, decision.decidedAt, reviewerOf(decision)),
        reviewedDocument(document, {
          id: `reviewed-${document.id}`, filingCode: null, ...named(document.id, 'documentID'),
          stamped: decision.outcome === 'accepted' ? stampedFor(document.id) : null, original: originalFor(document.id),
        }))));
  const leads = decided.map(({ decision, filing }) =>
    el(ecf, 'LeadDocumentReview',
      reviewDisposition(decision.outcome, explain(decision), decision.decidedAt, reviewerOf(decision)),
      reviewedDocument(filing.leadDocument, {
        id: `reviewed-${filing.leadDocument.id}`,
        filingCode: decision.outcome === 'accepted' ? (decision.correctedFilingCode ?? filing.filingCode) : filing.filingCode,
        stamped: decision.outcome === 'accepted' ? stampedFor(filing.leadDocument.id) : null,
        original: originalFor(filing.leadDocument.id),
        docketId: decision.outcome === 'accepted' ? (input.docketIds?.get(filing.id) ?? null) : null,
        ...named(filing.leadDocument.id, 'filingID'),
      })));
  const rejected = decided.filter(({ decision }) => decision.outcome === 'rejected');
  const summary = rejected.length > 0 ? `${rejected.length} of ${decided.length} filing(s) rejected; see each document's review status for the reason.` : null;

  const kase = input.envelope.case;
  const [headerId, ...headerRest] = caseFilingHeader(input.header);
  return serializeXml(
    el(reviewfilingcallback, 'NotifyFilingReviewCompleteMessage',
      headerId,
      input.filerIds ? identification(input.filerIds.envelopeId, 'envelopeID', 'FilingReview') : null,
      input.filerIds?.messageId ? identification(input.filerIds.messageId, 'messageID', 'FilingAssembly') : null,
      headerRest,
      connected,
      el(ecf, 'FilingStatus', optional(nc, 'StatusDescriptionText', summary), el(ecf, 'FilingReviewStatusCode', status)),
      leads,
      el(nc, 'Case',
        optional(nc, 'CaseTitleText', input.assignedCase?.title ?? kase.title),
        // The court, location and judge the case was assigned (manual or CMS case assignment, seed 000).
        input.assignedCase
          ? caseJusticeAugmentation(
              { id: input.header.courtId, name: input.header.courtName, location: input.assignedCase.courtLocation.code },
              input.assignedCase.judge)
          : null,
        el(ecf, 'CaseAugmentation',
          optional(ecf, 'CaseCategoryCode', kase.category),
          input.assignedCase?.trackingId ? el(ecf, 'CaseTrackingID', el(nc, 'IdentificationID', input.assignedCase.trackingId)) : null,
          optional(ecf, 'CaseTypeCode', kase.type),
          optional(j, 'CaseNumberText', input.assignedCase?.caseNumber ?? kase.number)))),
    writePrefixes,
  );
}

/** An `nc:DocumentIdentification` naming what the identifier identifies and who assigned it. */
function identification(id: string, category: string, source: 'FilingReview' | 'FilingAssembly'): XmlElement {
  return el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', id), el(nc, 'IdentificationCategoryDescriptionText', category), el(nc, 'IdentificationSourceText', source));
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
