import type { Element } from '@xmldom/xmldom';
import type { CodeEntry } from '../domain/court-policy';
import type { Envelope } from '../domain/envelope';
import type { ReviewDecision } from '../domain/review-decision';
import { err, ok, type Result } from '../result';
import { attr, child, children, descendants, text, textAt } from '../xml/xml-query';
import { el, optional, rawXml, serializeXml } from '../xml/xml-writer';
import type { EcfReadError } from './ecf-read-error';
import { findFilingMessages } from './filing-message';
import { writeCase } from './write-filing-message';
import { ns } from './namespaces';
import { caseFilingHeader, documentReference, filingOf, reviewDisposition, reviewedDocument, writePrefixes, type Reviewer, type ReviewHeader, type StampedRendition } from './review-parts';

const { j, ecf, docket } = ns;

/** The clerk's manual case assignment as it goes into docket:CorrectedCase. */
export interface AssignedCase {
  readonly caseNumber: string;
  readonly trackingId: string | null;
  readonly title: string;
  readonly courtLocation: CodeEntry;
  readonly judge: CodeEntry;
}

/** What a RecordDocketing message is built from. */
export interface RecordDocketingInput {
  readonly header: ReviewHeader;
  readonly envelope: Envelope;
  /** The original filing:FilingMessage, embedded unchanged (ECF requires it). */
  readonly filingMessageXml: string;
  readonly reviewer: Reviewer;
  /** Accepted decisions only; RecordDocketing carries what goes into the record. */
  readonly accepted: readonly Extract<ReviewDecision, { outcome: 'accepted' }>[];
  readonly assignedCase: AssignedCase | null;
  readonly stamped: readonly StampedRendition[];
  /** Documents docketed as filed (not stamped), each with its SHA-256 and MTOM part. */
  readonly originals?: readonly StampedRendition[];
}

/**
 * Writes `docket:RecordDocketingMessage` for the accepted filings of an envelope: per filing a LeadDocumentReview
 * (and ConnectedDocumentReviews) with status, reviewer and date, the file-stamped rendition with its SHA-256, the
 * corrected filing code; the manual case assignment in `docket:CorrectedCase`; and the original FilingMessage.
 */
export function writeRecordDocketing(input: RecordDocketingInput): string {
  if (input.accepted.length === 0) throw new Error('RecordDocketing needs at least one accepted filing');
  const stampedFor = (documentId: string): StampedRendition | null => input.stamped.find((s) => s.documentId === documentId) ?? null;
  const originalFor = (documentId: string): StampedRendition | null => input.originals?.find((s) => s.documentId === documentId) ?? null;
  const notes = input.accepted.map((decision) => decision.note).filter((note): note is string => Boolean(note));
  const filings = input.accepted.map((decision) => ({ decision, filing: filingOf(input.envelope, decision.filingId) }));

  const connectedReviews = filings.flatMap(({ decision, filing }) =>
    filing.connectedDocuments.map((document) =>
      el(ecf, 'ConnectedDocumentReview',
        documentReference(document.id),
        reviewDisposition('accepted', null, decision.decidedAt, input.reviewer),
        reviewedDocument(document, { filingCode: null, stamped: stampedFor(document.id), original: originalFor(document.id) }))));
  const leadReviews = filings.map(({ decision, filing }) =>
    el(ecf, 'LeadDocumentReview',
      documentReference(filing.leadDocument.id),
      reviewDisposition('accepted', decision.note, decision.decidedAt, input.reviewer),
      reviewedDocument(filing.leadDocument, { filingCode: decision.correctedFilingCode ?? filing.filingCode, stamped: stampedFor(filing.leadDocument.id), original: originalFor(filing.leadDocument.id) })));

  const assigned = input.assignedCase;
  // The whole case as the court records it (seed 001: CorrectedCase): the filer's parties, attorneys and category,
  // with the clerk's number, title, location and judge. Its ids are prefixed: the filing message holds the originals.
  const envelope = input.envelope;
  const correctedCase = assigned
    ? writeCase(docket, 'CorrectedCase', {
        case: { ...envelope.case, number: assigned.caseNumber, title: assigned.title, trackingId: assigned.trackingId ?? envelope.case.trackingId },
        parties: envelope.parties,
        attorneys: envelope.attorneys,
      }, {
        idPrefix: 'corrected-', newIndicator: false,
        court: { id: input.header.courtId, name: input.header.courtName, location: assigned.courtLocation.code },
        judge: assigned.judge,
      })
    : null;

  return serializeXml(
    el(docket, 'RecordDocketingMessage',
      caseFilingHeader(input.header),
      correctedCase,
      optional(docket, 'FilingReviewCommentsText', notes.length > 0 ? notes.join('\n') : null),
      connectedReviews,
      leadReviews,
      rawXml(input.filingMessageXml)),
    writePrefixes,
  );
}

/** What a received RecordDocketing message says, as far as a CMS zip inspection needs it. */
export interface RecordDocketingFacts {
  readonly caseNumber: string | null;
  /** SHA-256 of every rendition the message declares (the stamped ones), lower case. */
  readonly renditionHashes: ReadonlySet<string>;
  /** The embedded filing:FilingMessage, or null. */
  readonly filingMessage: Element | null;
}

/** Reads `docket:RecordDocketingMessage`; an error when `root` is another message. */
export function readRecordDocketingFacts(root: Element): Result<RecordDocketingFacts, EcfReadError> {
  if (root.namespaceURI !== docket || root.localName !== 'RecordDocketingMessage') return err({ kind: 'wrong-message', message: `This is a ${root.localName ?? 'unknown'} message, not RecordDocketingMessage.` });
  return ok({
    caseNumber: text(descendants(root, j, 'CaseNumberText')[0] ?? null),
    renditionHashes: new Set(descendants(root, ecf, 'DocumentRenditionHash').map((hash) => (text(hash) ?? '').toLowerCase())),
    filingMessage: findFilingMessages(root)[0] ?? null,
  });
}

/** One document a RecordDocketing reviews: the filing it belongs to and the rendition it is to be docketed with. */
export interface ReviewedRendition {
  /** The filing (lead document) the review is about: `ecf:Document/@structures:ref`. */
  readonly filingId: string;
  readonly documentId: string | null;
  readonly lead: boolean;
  /** Lower-case SHA-256 the message gives the rendition; null when it gives none. */
  readonly sha256: string | null;
  /** The MTOM part (`cid:`) the rendition's bytes travel in; null when it names none. */
  readonly contentId: string | null;
}

/** Every lead and connected document a `docket:RecordDocketingMessage` reviews, with its rendition, in order. */
export function readReviewedRenditions(message: Element): ReviewedRendition[] {
  const reviews = [
    ...children(message, ns.ecf, 'LeadDocumentReview').map((review) => ({ review, lead: true })),
    ...children(message, ns.ecf, 'ConnectedDocumentReview').map((review) => ({ review, lead: false })),
  ];
  return reviews.map(({ review, lead }) => {
    const reviewed = child(review, ns.ecf, 'ReviewedDocument');
    const rendition = reviewed ? (descendants(reviewed, ns.ecf, 'DocumentRendition')[0] ?? null) : null;
    const uri = textAt(rendition, [ns.nc, 'Attachment'], [ns.nc, 'BinaryURI']);
    return {
      filingId: attr(child(review, ns.ecf, 'Document'), ns.structures, 'ref') ?? '',
      documentId: textAt(reviewed, [ns.nc, 'DocumentIdentification'], [ns.nc, 'IdentificationID']),
      lead,
      sha256: textAt(rendition, [ns.ecf, 'DocumentRenditionHash'])?.toLowerCase() ?? null,
      contentId: uri?.startsWith('cid:') ? uri.slice(4) : null,
    };
  });
}
