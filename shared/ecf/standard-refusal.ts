import { el, type XmlElement } from '../xml/xml-writer';
import { messageStatusElement, type MessageStatusContent } from './message-status';
import { ns } from './namespaces';
import { caseFilingHeader, type ReviewHeader } from './review-parts';
import { wrapStandardResponse, type StandardOperation } from './standard-operations';

/**
 * Where each standard operation's answer can say "refused": in the wrapper itself, in its response message, or —
 * where the response message must carry content a refusal does not have (a policy; a matching filing) — only in a
 * SOAP fault whose detail is the cbrn:MessageStatus.
 */
const refusalPlace: Readonly<Record<StandardOperation, 'wrapper' | readonly [string, string] | 'fault'>> = {
  GetPolicy: 'fault',
  GetCase: [ns.caseresponse, 'GetCaseResponseMessage'],
  GetCaseList: [ns.caselistresponse, 'GetCaseListResponseMessage'],
  GetFilingStatus: 'fault',
  ReviewFiling: 'wrapper',
  CancelFiling: 'wrapper',
  GetFilingList: [ns.filinglistresponse, 'GetFilingListResponseMessage'],
  RecordDocketing: 'wrapper',
  NotifyDocketingComplete: 'wrapper',
  DocumentStampInformation: 'wrapper',
  NotifyDocumentStampInformation: 'wrapper',
  // The response message must carry a case number and a document: a refusal goes in the fault.
  GetDocument: 'fault',
};

/** A refusal of a standard operation: an answer message, or the detail of a SOAP fault. */
export type StandardRefusal = { readonly kind: 'answer'; readonly body: XmlElement } | { readonly kind: 'fault'; readonly detail: XmlElement };

/**
 * A standard ECF operation's answer when the service refuses the request: a failed `cbrn:MessageStatus` carrying
 * the error code (ECF's 1–4, the court's from 100) and its description, inside the operation's response where the
 * schema lets it stand there, else as the SOAP fault's detail.
 */
export function standardRefusal(operation: StandardOperation, header: ReviewHeader, status: Omit<MessageStatusContent, 'at'>): StandardRefusal {
  const statusElement = messageStatusElement({ ...status, at: header.postedAt });
  const place = refusalPlace[operation];
  if (place === 'fault') return { kind: 'fault', detail: statusElement };
  if (place === 'wrapper') return { kind: 'answer', body: wrapStandardResponse(operation, statusElement) };
  return { kind: 'answer', body: wrapStandardResponse(operation, el(place[0], place[1], caseFilingHeader(header, 'FilingReview'), statusElement)) };
}
