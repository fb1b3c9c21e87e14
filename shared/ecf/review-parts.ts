import type { Envelope, FilingDocument } from '../domain/envelope';
import type { Element } from '@xmldom/xmldom';
import { child, textAt } from '../xml/xml-query';
import { el, elAttrs, optional, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

const { nc, j, ecf, structures, xsi } = ns;

/** Prefixes every message we write declares on its root. */
export const writePrefixes = {
  nc: ns.nc,
  j: ns.j,
  ecf: ns.ecf,
  structures: ns.structures,
  xsi: ns.xsi,
  filing: ns.filing,
  docket: ns.docket,
  reviewfilingcallback: ns.reviewfilingcallback,
} as const;

/** ECF Web Services profile, the only service interaction profile we speak. */
export const webServicesProfile = 'urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:WebServicesMessaging-5.0';

/** Who sends a review message and when: the header every review message starts with (ecf:CaseFilingType). */
export interface ReviewHeader {
  readonly messageId: string;
  readonly sendingMde: string;
  readonly courtId: string;
  readonly courtName: string | null;
  readonly postedAt: string;
  /** The sender's operating mode where it answers with a cbrn:MessageStatus: Test for the demo service (default Ops). */
  readonly mode?: 'Ops' | 'Test';
  /**
   * The request this message answers: its message id and who assigned it. Seed 001 §6.2: a message identifier
   * MUST be returned to the originating MDE in any response to that message.
   */
  readonly inReplyTo?: { readonly messageId: string; readonly source: string } | null;
}

/** The message identifier a request carries (its first nc:DocumentIdentification) and its source, or null. */
export function requestMessageIdOf(message: Element | null): { messageId: string; source: string } | null {
  const identification = message ? child(message, nc, 'DocumentIdentification') : null;
  const messageId = textAt(identification, [nc, 'IdentificationID']);
  return messageId ? { messageId, source: textAt(identification, [nc, 'IdentificationSourceText']) ?? 'FilingAssembly' } : null;
}

/** The clerk who reviewed, as `ecf:DocumentReviewer`. */
export interface Reviewer {
  readonly id: string;
  readonly name: string;
}

/** A file-stamped rendition produced in review, sent as an MTOM part. */
export interface StampedRendition {
  readonly documentId: string;
  readonly contentId: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** The ecf:CaseFilingType header elements, in schema order; `source` is the sending MDE's role. */
export function caseFilingHeader(header: ReviewHeader, source: 'FilingReview' | 'FilingAssembly' | 'CourtPolicy' | 'CourtRecord' = 'FilingReview'): XmlElement[] {
  return [
    el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', header.messageId), el(nc, 'IdentificationCategoryDescriptionText', 'messageID'), el(nc, 'IdentificationSourceText', source)),
    header.inReplyTo
      ? el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', header.inReplyTo.messageId), el(nc, 'IdentificationCategoryDescriptionText', 'messageID'), el(nc, 'IdentificationSourceText', header.inReplyTo.source))
      : null,
    el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', header.sendingMde)),
    el(ecf, 'ServiceInteractionProfileCode', webServicesProfile),
    el(j, 'CaseCourt', el(nc, 'OrganizationIdentification', el(nc, 'IdentificationID', header.courtId)), optional(j, 'CourtName', header.courtName)),
    el(nc, 'DocumentPostDate', el(nc, 'DateTime', header.postedAt)),
  ].filter((element): element is XmlElement => element !== null);
}

/** `ecf:DocumentReviewDisposition`: status text (accepted/rejected), the explanation, when, and by whom. */
export function reviewDisposition(status: 'accepted' | 'rejected' | 'received', explanation: string | null, at: string, reviewer: Reviewer): XmlElement {
  return el(ecf, 'DocumentReviewDisposition',
    el(ecf, 'DocumentReviewStatus', el(nc, 'StatusText', status), optional(nc, 'StatusDescriptionText', explanation), el(nc, 'StatusDate', el(nc, 'DateTime', at))),
    el(ecf, 'DocumentReviewer', el(nc, 'EntityPerson',
      el(nc, 'PersonName', el(nc, 'PersonFullName', reviewer.name)),
      el(nc, 'PersonOtherIdentification', el(nc, 'IdentificationID', reviewer.id)))));
}

/** How a reviewed document is named and what it carries beyond the document itself. */
export interface ReviewedDocumentOptions {
  readonly id?: string;
  readonly filingCode: string | null;
  readonly stamped: StampedRendition | null;
  readonly original?: StampedRendition | null;
  /** Names the court's identifier as Tyler's ECF 5 messages do (filingID for a lead, documentID for a connected one). */
  readonly category?: 'filingID' | 'documentID';
  /** The filer's own identifier of the document, written after the court's (source FilingAssembly). */
  readonly filerId?: string | null;
  /** The docket entry the court record system gave it (`nc:CaseDocketID`). */
  readonly docketId?: string | null;
  /** False where no binaries travel with the message (a callback to the filer): the rendition names no MTOM part. */
  readonly attached?: boolean;
}

/**
 * `ecf:ReviewedDocument`: the document as the court records it, with the new file-stamped rendition and its
 * SHA-256 when there is one, and the (possibly corrected) filing code.
 */
export function reviewedDocument(document: FilingDocument, options: ReviewedDocumentOptions): XmlElement {
  const attributes = options.id ? [{ ns: structures, name: 'id', value: options.id }] : [];
  const named = document.title ?? document.description ?? 'document';
  // The rendition the court records: the file-stamped one, else the document as filed; each with its SHA-256.
  const recorded = options.stamped ?? options.original ?? null;
  const renditions = recorded
    ? [el(ecf, 'DocumentRendition',
        el(nc, 'DocumentIdentification'),
        el(ecf, 'DocumentRenditionHash', recorded.sha256),
        el(nc, 'Attachment',
          el(nc, 'BinaryDescriptionText', options.stamped ? `File-stamped ${named}` : `${named}, as filed`),
          el(nc, 'BinaryFormatText', 'application/pdf'),
          options.attached === false ? null : el(nc, 'BinaryURI', `cid:${recorded.contentId}`),
          el(nc, 'BinarySizeValue', String(recorded.sizeBytes))))]
    : [];
  const courtId = options.category
    ? el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', document.id), el(nc, 'IdentificationCategoryDescriptionText', options.category), el(nc, 'IdentificationSourceText', 'FilingReview'))
    : el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', document.id));
  const filerId = options.filerId ? el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', options.filerId), el(nc, 'IdentificationSourceText', 'FilingAssembly')) : null;
  return elAttrs(ecf, 'ReviewedDocument', attributes,
    optional(nc, 'DocumentDescriptionText', document.description),
    courtId,
    filerId,
    optional(nc, 'DocumentSequenceID', document.sequence),
    optional(nc, 'DocumentTitleText', document.title),
    renditions.length > 0 || options.filingCode
      ? el(ecf, 'DocumentAugmentation', renditions, optional(ecf, 'RegisterActionDescriptionCode', options.filingCode))
      : null,
    options.docketId ? el(ecf, 'ReviewedDocumentAugmentation', el(nc, 'CaseDocketID', options.docketId)) : null);
}

/** `ecf:Document` pointing at the reviewed document in the embedded FilingMessage (concise NIEM reference). */
export function documentReference(documentId: string): XmlElement {
  return elAttrs(ecf, 'Document', [{ ns: structures, name: 'ref', value: documentId }, { ns: xsi, name: 'nil', value: 'true' }]);
}

/** The explanation ECF requires for a rejection: the court's reason and the clerk's specific note. */
export function rejectionText(reasonName: string, reasonCode: string, note: string): string {
  return `${reasonName} (${reasonCode}): ${note}`;
}

/** Finds a filing of the envelope or throws (callers validated the decision against the envelope). */
export function filingOf(envelope: Envelope, filingId: string): Envelope['filings'][number] {
  const filing = envelope.filings.find((candidate) => candidate.id === filingId);
  if (!filing) throw new Error(`Filing ${filingId} is not in envelope ${envelope.id}`);
  return filing;
}
