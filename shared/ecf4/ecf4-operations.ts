import { DOMImplementation, type Element } from '@xmldom/xmldom';
import { child, descendants } from '../xml/xml-query';
import { ns4 } from './namespaces';

/**
 * The ECF 4.0 operations of the Filing Review service's exchanges: ReviewFiling from ECF 4 filers, and with an ECF 4
 * court record system its RecordFiling and GetCaseList (served by the record system) and NotifyDocketingComplete
 * (its callback).
 */
export const ecf4Operations = ['ReviewFiling4', 'RecordFiling4', 'NotifyDocketingComplete4', 'GetCaseList4'] as const;

/** One of {@link ecf4Operations}. */
export type Ecf4Operation = (typeof ecf4Operations)[number];

/** The SOAPAction Tyler's and the OASIS ECF 4.0 WSDL bind ReviewFiling to (FilingReviewMDEPortSOAPBinding). */
export const reviewFilingAction4 = `${ns4.wsmp}/FilingReviewMDEPort/ReviewFilingRequest`;

/** The SOAPAction of RecordFiling on an ECF 4.0 court record system (CourtRecordMDEPortSOAPBinding). */
export const recordFilingAction4 = `${ns4.wsmp}/CourtRecordMDEPort/RecordFilingRequest`;

/** The SOAPAction of the record system's NotifyDocketingComplete on the Filing Review MDE (ECF 4.0). */
export const notifyDocketingCompleteAction4 = `${ns4.wsmp}/FilingReviewMDEPort/NotifyDocketingCompleteRequest`;

/** The SOAPAction of GetCaseList on an ECF 4.0 court record system (CourtRecordMDEPortSOAPBinding). */
export const getCaseListAction4 = `${ns4.wsmp}/CourtRecordMDEPort/GetCaseListRequest`;

/** The message element that requests each ECF 4 operation (the WSDL's input part, document/literal). */
const requestElements: readonly (readonly [Ecf4Operation, string, string])[] = [
  ['ReviewFiling4', ns4.wsmp, 'ReviewFilingRequestMessage'],
  ['RecordFiling4', ns4.wsmp, 'RecordFilingRequestMessage'],
  ['NotifyDocketingComplete4', ns4.docketcb, 'RecordDocketingCallbackMessage'],
  ['GetCaseList4', ns4.caselistquery, 'CaseListQueryMessage'],
];

/** The ECF 4 operation a SOAP body requests, or null. */
export function ecf4OperationOf(body: Element): Ecf4Operation | null {
  return requestElements.find(([, uri, local]) => body.namespaceURI === uri && body.localName === local)?.[0] ?? null;
}

/** The CoreFilingMessages and the PaymentMessage of an ECF 4.0 ReviewFilingRequestMessage. */
export function reviewFilingRequestParts4(body: Element): { coreMessages: Element[]; payment: Element | null } {
  return {
    coreMessages: descendants(body, ns4.core, 'CoreFilingMessage'),
    payment: descendants(body, ns4.payment, 'PaymentMessage')[0] ?? null,
  };
}

/**
 * A ReviewFilingRequestMessage assembled from a CoreFilingMessage and a PaymentMessage kept apart — as a portable
 * medium holds them, each message in a file of its own (seed 003) — naming the sender the CoreFilingMessage names.
 */
export function assembleReviewFilingRequest4(core: Element, payment: Element): Element {
  const document = new DOMImplementation().createDocument(ns4.wsmp, 'wsmp:ReviewFilingRequestMessage', null);
  const request = document.documentElement;
  if (!request) throw new Error('The request could not be made');
  for (const local of ['SendingMDELocationID', 'SendingMDEProfileCode']) {
    const named = child(core, ns4.ecf, local);
    if (named) request.appendChild(document.importNode(named, true));
  }
  request.appendChild(document.importNode(core, true));
  request.appendChild(document.importNode(payment, true));
  return request;
}
