import type { Element } from '@xmldom/xmldom';
import { child, descendants, textAt } from '../xml/xml-query';
import { el, optional, type XmlElement } from '../xml/xml-writer';
import { successStatusElement } from './message-status';
import { ns } from './namespaces';
import { caseFilingHeader, type ReviewHeader } from './review-parts';

const { nc, j, ecf, documentrequest: req, documentresponse: res } = ns;

/** What a GetDocument asks for: a document of a case by the record system's file control id (seed 001 §6.1.15). */
export interface DocumentQuery {
  readonly caseNumber: string | null;
  readonly fileControlId: string;
}

/** `documentrequest:GetDocumentRequestMessage` for one docketed document. */
export function documentRequestMessage(header: ReviewHeader, query: DocumentQuery): XmlElement {
  return el(req, 'GetDocumentRequestMessage',
    caseFilingHeader(header, 'FilingAssembly'),
    el(req, 'DocumentQueryCriteria',
      optional(j, 'CaseNumberText', query.caseNumber),
      el(nc, 'DocumentFileControlID', query.fileControlId)));
}

/** Reads what a GetDocument request asks for; null without a file control id. */
export function readDocumentRequest(message: Element): DocumentQuery | null {
  const criteria = child(message, req, 'DocumentQueryCriteria');
  const fileControlId = textAt(criteria, [nc, 'DocumentFileControlID']);
  return fileControlId ? { caseNumber: textAt(criteria, [j, 'CaseNumberText']), fileControlId } : null;
}

/** A docketed document as the record system serves it: its bytes travel as the MTOM part `contentId`. */
export interface ServedDocument {
  readonly caseNumber: string;
  readonly fileControlId: string;
  readonly title: string | null;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly contentType: string;
  readonly contentId: string;
}

/** `documentresponse:GetDocumentResponseMessage`: the case number and the document with its one rendition. */
export function documentResponseMessage(header: ReviewHeader, document: ServedDocument): XmlElement {
  return el(res, 'GetDocumentResponseMessage',
    caseFilingHeader(header, 'CourtRecord'),
    successStatusElement(header),
    el(j, 'CaseNumberText', document.caseNumber),
    el(nc, 'Document',
      el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', document.fileControlId), el(nc, 'IdentificationSourceText', 'CourtRecord')),
      optional(nc, 'DocumentTitleText', document.title),
      el(ecf, 'DocumentAugmentation',
        el(ecf, 'DocumentRendition',
          el(nc, 'DocumentFileControlID', document.fileControlId),
          el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', document.contentId)),
          el(ecf, 'DocumentRenditionHash', document.sha256),
          el(nc, 'Attachment',
            el(nc, 'BinaryFormatText', document.contentType),
            el(nc, 'BinaryURI', `cid:${document.contentId}`),
            el(nc, 'BinarySizeValue', String(document.sizeBytes)))))));
}

/** Reads a GetDocument answer (found anywhere below `root`): the rendition's hash and the MTOM part it names. */
export function readDocumentResponse(root: Element): { fileControlId: string | null; sha256: string | null; contentId: string | null } | null {
  const message = root.namespaceURI === res && root.localName === 'GetDocumentResponseMessage' ? root : (descendants(root, res, 'GetDocumentResponseMessage')[0] ?? null);
  const rendition = message ? (descendants(message, ecf, 'DocumentRendition')[0] ?? null) : null;
  if (!rendition) return null;
  const uri = textAt(rendition, [nc, 'Attachment'], [nc, 'BinaryURI']);
  return {
    fileControlId: textAt(rendition, [nc, 'DocumentFileControlID']),
    sha256: textAt(rendition, [ecf, 'DocumentRenditionHash']),
    contentId: uri?.startsWith('cid:') ? uri.replace(/^cid:(\/\/)?/, '') : null,
  };
}
