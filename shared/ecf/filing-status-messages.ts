import type { Element } from '@xmldom/xmldom';
import type { Envelope } from '../domain/envelope';
import { child, descendants, textAt } from '../xml/xml-query';
import { el, elAttrs, optional, type XmlElement } from '../xml/xml-writer';
import { successStatusElement } from './message-status';
import { ns } from './namespaces';
import { caseFilingHeader, filingOf, reviewDisposition, type Reviewer, type ReviewHeader } from './review-parts';

const { nc, j, ecf, structures, filingstatusrequest: req, filingstatusresponse: res } = ns;

/** Where a filing stands at the EFM (ECF FilingReviewStatusCode + FilingDocketingStatusCode). */
export interface FilingStatus {
  readonly filingId: string;
  readonly reviewStatus: 'received' | 'accepted' | 'partially-accepted' | 'rejected' | 'cancelled' | string;
  readonly docketingStatus: string | null;
  readonly explanation: string | null;
}

/** `filingstatusrequest:GetFilingStatusRequestMessage` for one filing (standard ECF GetFilingStatus). */
export function filingStatusRequestMessage(header: ReviewHeader, caseNumber: string, filingId: string): XmlElement {
  return el(req, 'GetFilingStatusRequestMessage',
    caseFilingHeader(header, 'FilingReview'),
    el(req, 'FilingStatusQueryCriteria', el(j, 'CaseNumberText', caseNumber), el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', filingId))));
}

/** The filing id a GetFilingStatus request asks about. */
export function readFilingStatusRequest(message: Element): string | null {
  return textAt(child(message, req, 'FilingStatusQueryCriteria'), [nc, 'DocumentIdentification'], [nc, 'IdentificationID']);
}

/** `filingstatusresponse:GetFilingStatusResponseMessage` with the filing as an `ecf:MatchingFiling`. */
export function filingStatusResponseMessage(header: ReviewHeader, envelope: Envelope, status: FilingStatus, reviewer: Reviewer, at: string): XmlElement {
  return el(res, 'GetFilingStatusResponseMessage', caseFilingHeader(header, 'FilingReview'), successStatusElement(header), matchingFilingElement(header, envelope, status, reviewer, at));
}

/** One filing as `ecf:MatchingFiling`: its review and docketing status, its lead document's review, its case. */
export function matchingFilingElement(header: ReviewHeader, envelope: Envelope, status: FilingStatus, reviewer: Reviewer, at: string): XmlElement {
  const filing = filingOf(envelope, status.filingId);
  const documentStatus = status.reviewStatus === 'accepted' || status.reviewStatus === 'rejected' ? status.reviewStatus : 'received';
  return el(ecf, 'MatchingFiling',
    caseFilingHeader(header, 'FilingReview'),
    el(ecf, 'FilingStatus', optional(nc, 'StatusDescriptionText', status.explanation), optional(ecf, 'FilingDocketingStatusCode', status.docketingStatus), el(ecf, 'FilingReviewStatusCode', status.reviewStatus)),
    el(ecf, 'LeadDocumentReview',
      reviewDisposition(documentStatus, status.explanation, at, reviewer),
      elAttrs(ecf, 'ReviewedDocument', [{ ns: structures, name: 'id', value: `status-${filing.leadDocument.id}` }], el(nc, 'DocumentIdentification', el(nc, 'IdentificationID', filing.id)), optional(nc, 'DocumentTitleText', filing.leadDocument.title))),
    el(nc, 'Case', optional(nc, 'CaseTitleText', envelope.case.title), el(ecf, 'CaseAugmentation', optional(ecf, 'CaseCategoryCode', envelope.case.category), optional(j, 'CaseNumberText', envelope.case.number))));
}

/** Reads a GetFilingStatus response (found anywhere below `root`). */
export function readFilingStatusResponse(root: Element, filingId: string): FilingStatus | null {
  const message = root.namespaceURI === res && root.localName === 'GetFilingStatusResponseMessage' ? root : (descendants(root, res, 'GetFilingStatusResponseMessage')[0] ?? null);
  const matching = child(message, ecf, 'MatchingFiling');
  const status = child(matching, ecf, 'FilingStatus');
  const reviewStatus = textAt(status, [ecf, 'FilingReviewStatusCode']);
  if (!reviewStatus) return null;
  return { filingId, reviewStatus, docketingStatus: textAt(status, [ecf, 'FilingDocketingStatusCode']), explanation: textAt(status, [nc, 'StatusDescriptionText']) };
}
