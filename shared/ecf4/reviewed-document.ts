import type { Element } from '@xmldom/xmldom';
import { XMLSerializer } from '@xmldom/xmldom';
import type { FilingDocument } from '../domain/envelope';
import type { StampedRendition } from '../ecf/review-parts';
import { courtIdentifierSource } from '../ecf/court-identifiers';
import { child, elementChildren, textAt } from '../xml/xml-query';
import { el, optional, rawXml, type XmlElement } from '../xml/xml-writer';
import { ns4 } from './namespaces';

const { nc, ecf } = ns4;

/** How a reviewed document is written: the filing code recorded, the rendition recorded and where it travels. */
export interface ReviewedDocumentOptions4 {
  readonly filingCode: string | null;
  /** The rendition the court records (file-stamped, else as filed), with its SHA-256. */
  readonly recorded: StampedRendition | null;
  /** True when `recorded` is the file-stamped rendition. */
  readonly stampedRendition: boolean;
  /** Where the recorded rendition is (a `cid:` of the request's MTOM parts); null: not sent with the message. */
  readonly location: string | null;
  readonly docketId: string | null;
}

/** An `nc:DocumentIdentification` with its category (ENVELOPEID, FILINGID) and who assigned it. */
export function identification4(id: string, category: string | null, source: string): XmlElement {
  return el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', id), optional(nc, 'IdentificationCategoryText', category), el(nc, 'IdentificationSourceText', source));
}

/**
 * `ecf:ReviewedLeadDocument` / `ecf:ReviewedConnectedDocument`: the document as filed (description, the filer's id,
 * sequence, title and its own `ecf:DocumentMetadata`, with the filing code the court recorded), the rendition the
 * court recorded (file-stamped when accepted and stamped, else as filed) with its SHA-256, and the docket entry.
 */
export function reviewedDocument4(local: 'ReviewedLeadDocument' | 'ReviewedConnectedDocument', document: FilingDocument, original: Element | null, options: ReviewedDocumentOptions4): XmlElement {
  const named = document.title ?? document.description ?? 'document';
  const filerId = textAt(original, [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
  return el(ecf, local,
    optional(nc, 'DocumentDescriptionText', document.description),
    identification4(document.id, local === 'ReviewedLeadDocument' ? 'FILINGID' : 'DOCUMENTID', courtIdentifierSource),
    filerId ? identification4(filerId, null, 'FilingAssembly') : null,
    optional(nc, 'DocumentSequenceID', document.sequence),
    optional(nc, 'DocumentTitleText', document.title),
    documentMetadata4(original, options.filingCode ?? document.filingCode),
    el(ecf, 'DocumentRendition',
      el(ecf, 'DocumentRenditionMetadata',
        el(ecf, 'DocumentAttachment',
          el(nc, 'BinaryDescriptionText', options.stampedRendition ? `File-stamped ${named}` : `${named}, as filed`),
          el(nc, 'BinaryFormatStandardName', 'application/pdf'),
          optional(nc, 'BinaryLocationURI', options.location),
          options.recorded ? el(nc, 'BinarySizeValue', String(options.recorded.sizeBytes)) : null))),
    optional(ecf, 'DocumentHashText', options.recorded?.sha256),
    options.docketId ? el(ecf, 'DocumentDocketID', el(nc, 'IdentificationID', options.docketId)) : null);
}

/**
 * The document's `ecf:DocumentMetadata` as the filer sent it, with the filing code the court recorded; written anew
 * (the filing attorney and party the schema requires, empty) when the filer's document is not found.
 */
export function documentMetadata4(original: Element | null, filingCode: string | null): XmlElement {
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
