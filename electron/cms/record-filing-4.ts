import { createHash } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import type { Envelope } from '../../shared/domain/envelope';
import { attachmentRef } from '../../shared/ecf/filing-message';
import { caseElementOf, readCoreFilingMessage } from '../../shared/ecf4/core-filing-message';
import { ns4 } from '../../shared/ecf4/namespaces';
import { child, children, path, textAt } from '../../shared/xml/xml-query';
import type { MimePart } from '../soap/mtom';

const { nc, ecf, docket, core } = ns4;

/** One filing an ECF 4.0 RecordFiling asks the record system to docket, as far as it needs it. */
export interface RecordFiling4 {
  readonly filingId: string;
  readonly envelopeId: string | null;
  /** The filer's CoreFilingMessage, read (its case, parties, documents). */
  readonly envelope: Envelope;
  /** The case it goes into: the number in the CoreFilingMessage (the clerk's, for a new case). */
  readonly caseNumber: string | null;
  /** The reviewed lead document, to answer back with its docket entry. */
  readonly reviewedLead: Element;
  /** The rendition to docket: its bytes (checked against its SHA-256), its title. */
  readonly lead: { readonly sha256: string; readonly bytes: Uint8Array; readonly title: string | null };
}

/**
 * Reads a `wsmp:RecordFilingRequestMessage` (ECF 4.0 RecordFiling) as a record system takes it: the court's filing id
 * (FILINGID), the reviewed lead document with the rendition the court recorded — which must be among the request's
 * MTOM parts and match its `ecf:DocumentHashText` — and the CoreFilingMessage with the case. A string says why not.
 */
export function readRecordFiling4(request: Element, parts: ReadonlyMap<string, MimePart>): RecordFiling4 | string {
  const docketing = child(request, docket, 'RecordDocketingMessage');
  const coreMessage = child(request, core, 'CoreFilingMessage');
  if (!docketing || !coreMessage) return 'The RecordFilingRequestMessage needs a RecordDocketingMessage and a CoreFilingMessage';
  const idOf = (category: string): string | null => textAt(children(docketing, nc, 'DocumentIdentification')
    .find((id) => textAt(id, [nc, 'IdentificationCategoryText']) === category) ?? null, [nc, 'IdentificationID']);
  const filingId = idOf('FILINGID');
  if (!filingId) return 'The RecordDocketingMessage names no filing (an nc:DocumentIdentification with category FILINGID)';
  const reviewedLead = child(docketing, ecf, 'ReviewedLeadDocument');
  if (!reviewedLead) return `The RecordDocketingMessage for ${filingId} has no ReviewedLeadDocument`;
  const location = textAt(path(reviewedLead, [ecf, 'DocumentRendition'], [ecf, 'DocumentRenditionMetadata'], [ecf, 'DocumentAttachment']), [nc, 'BinaryLocationURI']);
  const ref = attachmentRef(location, null);
  const part = ref.kind === 'cid' ? parts.get(ref.contentId) : undefined;
  if (!part) return `The reviewed lead document of ${filingId} names ${location ?? 'no rendition'}, which the request does not carry`;
  const sha256 = createHash('sha256').update(part.body).digest('hex');
  const stated = textAt(reviewedLead, [ecf, 'DocumentHashText']);
  if (stated && stated.toLowerCase() !== sha256) return `The rendition of ${filingId} does not match its DocumentHashText`;
  const envelope = readCoreFilingMessage(coreMessage);
  if (!envelope.ok) return envelope.error.message;
  return {
    filingId,
    envelopeId: idOf('ENVELOPEID'),
    envelope: envelope.value,
    caseNumber: textAt(caseElementOf(coreMessage)?.element ?? null, [nc, 'CaseDocketID']),
    reviewedLead,
    lead: { sha256, bytes: new Uint8Array(part.body), title: textAt(reviewedLead, [nc, 'DocumentDescriptionText']) },
  };
}
