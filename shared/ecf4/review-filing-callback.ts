import type { Element } from '@xmldom/xmldom';
import type { PaymentSummary } from '../domain/ecf-status';
import type { Envelope, FilingDocument } from '../domain/envelope';
import type { AssignedCase } from '../ecf/record-docketing';
import type { StampedRendition } from '../ecf/review-parts';
import { child, elementChildren, textAt } from '../xml/xml-query';
import { el, optional, rawXml, serializeXml, type XmlElement } from '../xml/xml-writer';
import { XMLSerializer } from '@xmldom/xmldom';
import { courtIdentifierSource } from '../ecf/court-identifiers';
import { caseElementOf, filingDocumentElements4 } from './core-filing-message';
import { paymentReceiptMessage4 } from './payment-receipt';
import { ns4, webServicesProfile4 } from './namespaces';

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
  const envelopeId = identification(input.envelope.id, 'ENVELOPEID', courtIdentifierSource);
  return input.envelope.filings.map((filing, index) => {
    const review = input.reviews.find((candidate) => candidate.filingId === filing.id);
    if (!review) throw new Error(`Review is not complete: no outcome for ${filing.id}`);
    const filed = filedDocuments[index] ?? null;
    const accepted = review.status === 'accepted';
    const reviewed = (local: string, document: FilingDocument, original: Element | null, filingCode: string | null): XmlElement =>
      reviewedDocument4(local, document, original, {
        filingCode,
        recorded: (accepted ? input.stamped.find((s) => s.documentId === document.id) : null) ?? input.originals.find((s) => s.documentId === document.id) ?? null,
        stampedRendition: accepted && input.stamped.some((s) => s.documentId === document.id),
        docketId: accepted && local === 'ReviewedLeadDocument' ? review.docketId : null,
      });
    const callback = el(reviewcb, 'ReviewFilingCallbackMessage',
      header([identification(filing.id, 'FILINGID', courtIdentifierSource), envelopeId]),
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
    return rawXml(serializeXml(message, callbackPrefixes4)).raw;
  });
}

/** Prefixes the ECF 4 callback is written with. */
export const callbackPrefixes4 = {
  wsmp, reviewcb, receipt: ns4.paymentreceipt, payment: ns4.payment, nc, j: ns4.j, ecf, s: ns4.structures, cac: ns4.cac, cbc: ns4.cbc,
} as const;

/** An `nc:DocumentIdentification` with its category (ENVELOPEID, FILINGID) and who assigned it. */
function identification(id: string, category: string | null, source: string): XmlElement {
  return el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', id), optional(nc, 'IdentificationCategoryText', category), el(nc, 'IdentificationSourceText', source));
}

/** The filer's own id of its CoreFilingMessage, answered back so it can match the callback to what it sent. */
function filerIdentification(filed: Element): XmlElement[] {
  const own = textAt(filed, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
  return own ? [identification(own, null, 'FilingAssembly')] : [];
}

/**
 * `ecf:ReviewedLeadDocument` / `ecf:ReviewedConnectedDocument`: the document as filed (description, the filer's id,
 * sequence, title and its own `ecf:DocumentMetadata`, with the filing code the court recorded), the rendition the
 * court recorded (file-stamped when accepted and stamped, else as filed) with its SHA-256, and the docket entry.
 */
function reviewedDocument4(local: string, document: FilingDocument, original: Element | null, options: {
  filingCode: string | null; recorded: StampedRendition | null; stampedRendition: boolean; docketId: string | null;
}): XmlElement {
  const named = document.title ?? document.description ?? 'document';
  const filerId = textAt(original, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
  return el(ecf, local,
    optional(nc, 'DocumentDescriptionText', document.description),
    identification(document.id, local === 'ReviewedLeadDocument' ? 'FILINGID' : 'DOCUMENTID', courtIdentifierSource),
    filerId ? identification(filerId, null, 'FilingAssembly') : null,
    optional(nc, 'DocumentSequenceID', document.sequence),
    optional(nc, 'DocumentTitleText', document.title),
    documentMetadata4(original, options.filingCode ?? document.filingCode),
    el(ecf, 'DocumentRendition',
      el(ecf, 'DocumentRenditionMetadata',
        el(ecf, 'DocumentAttachment',
          el(nc, 'BinaryDescriptionText', options.stampedRendition ? `File-stamped ${named}` : `${named}, as filed`),
          el(nc, 'BinaryFormatStandardName', 'application/pdf'),
          options.recorded ? el(nc, 'BinarySizeValue', String(options.recorded.sizeBytes)) : null))),
    optional(ecf, 'DocumentHashText', options.recorded?.sha256),
    options.docketId ? el(ecf, 'DocumentDocketID', el(nc, 'IdentificationID', options.docketId)) : null);
}

/**
 * The document's `ecf:DocumentMetadata` as the filer sent it, with the filing code the court recorded; written anew
 * (the filing attorney and party the schema requires, empty) when the filer's document is not found.
 */
function documentMetadata4(original: Element | null, filingCode: string | null): XmlElement {
  const metadata = child(original, ecf, 'DocumentMetadata');
  const serializer = new XMLSerializer();
  // The filing code is the court's now; a reference to the filer's lead document would point outside this message.
  const replaced = new Set(['RegisterActionDescriptionText', 'ParentDocumentReference']);
  const kept = elementChildren(metadata).filter((node) => !replaced.has(node.localName ?? ''));
  return el(ecf, 'DocumentMetadata',
    el(ns4.j, 'RegisterActionDescriptionText', filingCode ?? ''),
    kept.length > 0
      ? kept.map((node) => rawXml(serializer.serializeToString(node)))
      : [el(ecf, 'FilingAttorneyID'), el(ecf, 'FilingPartyID')]);
}
