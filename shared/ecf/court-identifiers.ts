import type { Element } from '@xmldom/xmldom';
import { children, textAt } from '../xml/xml-query';
import { ns } from './namespaces';

const { nc, filing } = ns;

/** The source a court-assigned identifier carries: the Filing Review MDE (ECF 5.0 §6.2). */
export const courtIdentifierSource = 'FilingReview';

/**
 * The identifier the Filing Review MDE assigned to a message or document (an `nc:DocumentIdentification` whose
 * source is FilingReview), or null when it has none. ECF 4 messages pass their NIEM 2.0 core namespace.
 */
export function courtIdentifier(element: Element, niemCore: string = nc): string | null {
  const assigned = children(element, niemCore, 'DocumentIdentification')
    .find((identification) => textAt(identification, [niemCore, 'IdentificationSourceText']) === courtIdentifierSource);
  return assigned ? textAt(assigned, [niemCore, 'IdentificationID']) : null;
}

// nc:DocumentType's sequence up to and including nc:DocumentIdentification: an identification goes after these.
const beforeIdentification = new Set(['DocumentSoftwareName', 'DocumentDescriptionText', 'DocumentEffectiveDate', 'DocumentFileControlID', 'DocumentFiledDate', 'DocumentIdentification']);

/** Adds a court-assigned identification to a document-type element, in its place in nc:DocumentType's sequence. */
function addIdentification(element: Element, id: string, category: string): void {
  const document = element.ownerDocument;
  if (!document) throw new Error('The element belongs to no document');
  const make = (local: string, value: string | null): Element => {
    const created = document.createElementNS(nc, `nc:${local}`);
    if (value !== null) created.appendChild(document.createTextNode(value));
    return created;
  };
  const identification = make('DocumentIdentification', null);
  identification.appendChild(make('IdentificationID', id));
  identification.appendChild(make('IdentificationCategoryDescriptionText', category));
  identification.appendChild(make('IdentificationSourceText', courtIdentifierSource));
  let after: Element | null = null;
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    const local = child.localName ?? '';
    // nc:DocumentCategoryAbstract's substitutes (DocumentCategoryText, …) come first of all.
    if (local.startsWith('DocumentCategory') || (child.namespaceURI === nc && beforeIdentification.has(local))) after = child;
    else break;
  }
  element.insertBefore(identification, after ? after.nextSibling : element.firstChild);
}

/** The identifiers the court gave one received FilingMessage: the envelope, each filing (lead), each connected document. */
export interface CourtIdentifiers {
  readonly envelopeId: string;
  readonly filingIds: readonly string[];
  readonly documentIds: readonly string[];
}

/**
 * Gives a received FilingMessage the court's identifiers (ECF 5.0 §6.2: the Filing Review MDE assigns them and they
 * identify a unique filing in the court), beside the filer's own, which stay as they were: the envelope
 * `<prefix>`, its filings `<prefix>-F1…` and connected documents `<prefix>-D1…`. Changes the message in place.
 */
export function assignCourtIdentifiers(message: Element, envelopeId: string): CourtIdentifiers {
  addIdentification(message, envelopeId, 'envelopeID');
  const filingIds = children(message, filing, 'FilingLeadDocument').map((lead, index) => {
    const id = `${envelopeId}-F${index + 1}`;
    addIdentification(lead, id, 'filingID');
    return id;
  });
  const documentIds = children(message, filing, 'FilingConnectedDocument').map((connected, index) => {
    const id = `${envelopeId}-D${index + 1}`;
    addIdentification(connected, id, 'documentID');
    return id;
  });
  return { envelopeId, filingIds, documentIds };
}

/** The filer's own identifiers beside the court's: the FilingMessage's and each document's, by the court's id. */
export interface FilerIdentifiers {
  readonly messageId: string | null;
  readonly documents: ReadonlyMap<string, string>;
}

/**
 * Reads, from a FilingMessage the court received (with its identifiers added), the identifiers the filer gave it and
 * its documents: callbacks to the filer name both, as Tyler's ECF 5 messages do.
 */
export function filerIdentifiers(message: Element): FilerIdentifiers {
  const filerId = (element: Element): string | null => {
    const own = children(element, nc, 'DocumentIdentification').find((identification) => textAt(identification, [nc, 'IdentificationSourceText']) !== courtIdentifierSource);
    return own ? textAt(own, [nc, 'IdentificationID']) : null;
  };
  const documents = new Map<string, string>();
  for (const document of [...children(message, filing, 'FilingLeadDocument'), ...children(message, filing, 'FilingConnectedDocument')]) {
    const court = courtIdentifier(document);
    const own = filerId(document);
    if (court && own) documents.set(court, own);
  }
  return { messageId: filerId(message), documents };
}
