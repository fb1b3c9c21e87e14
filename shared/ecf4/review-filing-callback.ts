import type { Element } from '@xmldom/xmldom';
import type { PaymentSummary } from '../domain/ecf-status';
import type { Envelope, FilingDocument } from '../domain/envelope';
import type { AssignedCase } from '../ecf/record-docketing';
import type { StampedRendition } from '../ecf/review-parts';
import { textAt } from '../xml/xml-query';
import { el, optional, rawXml, serializeXml, type XmlElement } from '../xml/xml-writer';
import { courtIdentifierSource } from '../ecf/court-identifiers';
import { caseElementOf, filingDocumentElements4 } from './core-filing-message';
import { identification4, reviewedDocument4 } from './reviewed-document';
import { paymentReceiptMessage4 } from './payment-receipt';
import { ns4, webServicesProfile4, writePrefixes4 } from './namespaces';

const { nc, ecf, reviewcb, wsmp } = ns4;

/** The SOAPAction of NotifyFilingReviewComplete on an ECF 4.0 filer's FilingAssemblyMDEPort (ECF 4.0 WS profile). */
export const notifyFilingReviewCompleteAction4 = `${wsmp}/FilingAssemblyMDEPort/NotifyFilingReviewCompleteRequest`;

/** How the court ended review of one filing (a lead document with its connected documents). */
export interface FilingReview4 {
  readonly filingId: string;
  /** ECF 4 FilingStatusCode: accepted or rejected by the clerk; cancelled (Tyler's code list) before review. */
  readonly status: 'accepted' | 'rejected' | 'cancelled';
  /** Why, for a rejection or a cancellation (the court's reason and the clerk's note); the clerk's note otherwise. */
  readonly explanation: string | null;
  readonly at: string;
  /** The filing code the court recorded (the clerk may correct it). */
  readonly filingCode: string | null;
  /** The docket entry the record system gave it, once docketed. */
  readonly docketId: string | null;
}

/** What the ECF 4 filer is told when review of its envelope is complete. */
export interface ReviewFilingCallback4Input {
  readonly sendingMde: string;
  readonly postedAt: string;
  readonly envelope: Envelope;
  /** The filer's CoreFilingMessage as it sent it: its document metadata and its own ids are answered back. */
  readonly filed: Element;
  /** One per filing of the envelope, in its order. */
  readonly reviews: readonly FilingReview4[];
  readonly assignedCase: AssignedCase | null;
  readonly stamped: readonly StampedRendition[];
  readonly originals: readonly StampedRendition[];
  readonly payment: PaymentSummary;
}

/**
 * The ECF 4.0 NotifyFilingReviewComplete of an envelope: one `wsmp:NotifyFilingReviewCompleteRequestMessage` per
 * filing, as ECF 4.0/4.01 has one reviewed lead document per `ReviewFilingCallbackMessage` (seed 004 §3.6: a lead
 * document and its connected documents are the "filing" a FilingStatus speaks of). Each carries the court's envelope
 * and filing ids (ENVELOPEID, FILINGID) with the filer's own, the case as the court opened it (its number), the
 * filing's status with the reason, each document as reviewed (the filer's document metadata, the rendition the court
 * recorded with its SHA-256, the docket entry) and the payment receipt (its fees when accepted; the schema wants a
 * receipt in every callback). Returns each message's XML.
 */
export function notifyFilingReviewCompleteMessages4(input: ReviewFilingCallback4Input): string[] {
  const filedDocuments = filingDocumentElements4(input.filed);
  const filedCase = caseElementOf(input.filed)?.element ?? null;
  const kase = el(nc, 'Case',
    optional(nc, 'CaseTitleText', input.assignedCase?.title ?? input.envelope.case.title),
    optional(nc, 'CaseCategoryText', textAt(filedCase, [nc, 'CaseCategoryText']) ?? input.envelope.case.category),
    optional(nc, 'CaseTrackingID', input.assignedCase?.trackingId ?? input.envelope.case.trackingId),
    optional(nc, 'CaseDocketID', input.assignedCase?.caseNumber ?? input.envelope.case.number));
  const header = (ids: XmlElement[]): XmlElement[] => [
    ...ids,
    el(nc, 'DocumentPostDate', el(nc, 'DateTime', input.postedAt)),
    el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', input.sendingMde)),
    el(ecf, 'SendingMDEProfileCode', webServicesProfile4),
  ];
  const envelopeId = identification4(input.envelope.id, 'ENVELOPEID', courtIdentifierSource);
  return input.envelope.filings.map((filing, index) => {
    const review = input.reviews.find((candidate) => candidate.filingId === filing.id);
    if (!review) throw new Error(`Review is not complete: no outcome for ${filing.id}`);
    const filed = filedDocuments[index] ?? null;
    const accepted = review.status === 'accepted';
    const reviewed = (local: 'ReviewedLeadDocument' | 'ReviewedConnectedDocument', document: FilingDocument, original: Element | null, filingCode: string | null): XmlElement =>
      reviewedDocument4(local, document, original, {
        filingCode,
        recorded: (accepted ? input.stamped.find((s) => s.documentId === document.id) : null) ?? input.originals.find((s) => s.documentId === document.id) ?? null,
        stampedRendition: accepted && input.stamped.some((s) => s.documentId === document.id),
        docketId: accepted && local === 'ReviewedLeadDocument' ? review.docketId : null,
        location: null,
      });
    const callback = el(reviewcb, 'ReviewFilingCallbackMessage',
      header([identification4(filing.id, 'FILINGID', courtIdentifierSource), envelopeId]),
      kase,
      el(ecf, 'FilingCompletionDate', el(nc, 'DateTime', review.at)),
      el(ecf, 'FilingStatus',
        el(nc, 'StatusDate', el(nc, 'DateTime', review.at)),
        optional(nc, 'StatusDescriptionText', review.explanation),
        el(ecf, 'FilingStatusCode', review.status)),
      reviewed('ReviewedLeadDocument', filing.leadDocument, filed?.lead ?? null, review.filingCode),
      filing.connectedDocuments.map((document, at) =>
        reviewed('ReviewedConnectedDocument', document, filed?.connected[at]?.element ?? null, null)));
    const message = el(wsmp, 'NotifyFilingReviewCompleteRequestMessage',
      header([envelopeId, ...filerIdentification(input.filed)]),
      callback,
      paymentReceiptMessage4(input.payment, accepted));
    return rawXml(serializeXml(message, writePrefixes4)).raw;
  });
}

/** The filer's own id of its CoreFilingMessage, answered back so it can match the callback to what it sent. */
function filerIdentification(filed: Element): XmlElement[] {
  const own = textAt(filed, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
  return own ? [identification4(own, null, 'FilingAssembly')] : [];
}
