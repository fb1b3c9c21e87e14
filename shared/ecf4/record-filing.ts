import type { Element } from '@xmldom/xmldom';
import { XMLSerializer } from '@xmldom/xmldom';
import type { Envelope, Filing } from '../domain/envelope';
import type { AssignedCase } from '../ecf/record-docketing';
import { courtIdentifierSource } from '../ecf/court-identifiers';
import { attachmentRef } from '../ecf/filing-message';
import { path, textAt } from '../xml/xml-query';
import { el, optional, rawXml, type XmlElement } from '../xml/xml-writer';
import { caseElementOf, filingDocumentElements4 } from './core-filing-message';
import { identification4, reviewedDocument4, type ReviewedDocumentOptions4 } from './reviewed-document';
import { ns4, webServicesProfile4 } from './namespaces';

const { nc, j, ecf, docket, wsmp } = ns4;

/** One accepted filing for an ECF 4 record system, with what the clerk decided and how its documents travel. */
export interface RecordFiling4Input {
  readonly sendingMde: string;
  readonly courtId: string;
  readonly postedAt: string;
  readonly envelope: Envelope;
  readonly filing: Filing;
  /** The filer's CoreFilingMessage as it was sent. */
  readonly filed: Element;
  readonly filingCode: string | null;
  readonly note: string | null;
  readonly assignedCase: AssignedCase | null;
  /** Each document of the filing by id: the rendition recorded and the `cid:` it travels under. */
  readonly renditions: ReadonlyMap<string, Omit<ReviewedDocumentOptions4, 'filingCode' | 'docketId'>>;
}

/**
 * The ECF 4.0 RecordFiling request (the ECF 4 twin of RecordDocketing, seed 000) for one accepted filing: the
 * clerk-reviewed `docket:RecordDocketingMessage` (court and envelope ids, the reviewed lead document and its connected
 * documents with the recorded renditions and SHA-256, the clerk's comments), followed by the filer's CoreFilingMessage
 * as sent, narrowed to this filing (seed 004 §4.3: each reviewed filing may go in its own RecordFiling) and with the
 * case number the clerk opened the case under. ECF 4.0/4.01 allows one reviewed lead document per request.
 */
export function recordFilingRequestMessage4(input: RecordFiling4Input): XmlElement {
  const index = input.envelope.filings.findIndex((filing) => filing.id === input.filing.id);
  if (index < 0) throw new Error(`Filing ${input.filing.id} is not in envelope ${input.envelope.id}`);
  const filed = filingDocumentElements4(input.filed)[index] ?? null;
  const reviewed = (local: 'ReviewedLeadDocument' | 'ReviewedConnectedDocument', document: Filing['leadDocument'], original: Element | null) => {
    const rendition = input.renditions.get(document.id);
    if (!rendition) throw new Error(`Document ${document.id} has no rendition to record`);
    return reviewedDocument4(local, document, original, {
      ...rendition, filingCode: local === 'ReviewedLeadDocument' ? input.filingCode : document.filingCode, docketId: null,
    });
  };
  const header = [
    el(ecf, 'SendingMDELocationID', el(nc, 'IdentificationID', input.sendingMde)),
    el(ecf, 'SendingMDEProfileCode', webServicesProfile4),
  ];
  return el(wsmp, 'RecordFilingRequestMessage',
    header,
    el(docket, 'RecordDocketingMessage',
      identification4(input.filing.id, 'FILINGID', courtIdentifierSource),
      identification4(input.envelope.id, 'ENVELOPEID', courtIdentifierSource),
      el(nc, 'DocumentPostDate', el(nc, 'DateTime', input.postedAt)),
      header,
      el(j, 'CaseCourt', el(nc, 'OrganizationIdentification', el(nc, 'IdentificationID', input.courtId))),
      reviewed('ReviewedLeadDocument', input.filing.leadDocument, filed?.lead ?? null),
      input.filing.connectedDocuments.map((document, at) => reviewed('ReviewedConnectedDocument', document, filed?.connected[at]?.element ?? null)),
      optional(docket, 'FilingReviewCommentsText', input.note)),
    rawXml(new XMLSerializer().serializeToString(narrowedCoreFilingMessage(input.filed, index, input.assignedCase?.caseNumber ?? null))));
}

/**
 * A copy of the filer's CoreFilingMessage with only one filing's documents (the lead document at `index` and its
 * connected documents) and, when the case had no number, the one the court opened it under.
 */
export function narrowedCoreFilingMessage(filed: Element, index: number, caseNumber: string | null): Element {
  const copy = filed.cloneNode(true) as Element;
  const groups = filingDocumentElements4(copy);
  groups.forEach((group, at) => {
    if (at === index) return;
    for (const element of [group.lead, ...group.connected.map((c) => c.element)]) element.parentNode?.removeChild(element);
  });
  const kase = caseElementOf(copy)?.element ?? null;
  if (kase && caseNumber && textAt(kase, [nc, 'CaseDocketID']) === null) {
    const document = kase.ownerDocument;
    if (!document) throw new Error('The CoreFilingMessage copy belongs to no document');
    const number = document.createElementNS(nc, `${kase.lookupPrefix(nc) ?? 'nc'}:CaseDocketID`);
    number.appendChild(document.createTextNode(caseNumber));
    // NIEM 2.0 nc:CaseType: the activity's elements, CaseTitleText, CaseCategoryText, CaseTrackingID, then CaseDocketID.
    const before = ['CaseTitleText', 'CaseCategoryText', 'CaseTrackingID'];
    let next = kase.firstChild;
    while (next && (next.nodeType !== 1 || (next as Element).localName?.startsWith('Activity') || before.includes((next as Element).localName ?? ''))) next = next.nextSibling;
    kase.insertBefore(number, next);
  }
  return copy;
}

/** How the filer's message names a document's first rendition: its `cid:` content id, else null (a URL, inline). */
export function filedContentId4(element: Element | null): string | null {
  const uri = textAt(path(element, [ecf, 'DocumentRendition'], [ecf, 'DocumentRenditionMetadata'], [ecf, 'DocumentAttachment']), [nc, 'BinaryLocationURI']);
  const ref = attachmentRef(uri, null);
  return ref.kind === 'cid' ? ref.contentId : null;
}
