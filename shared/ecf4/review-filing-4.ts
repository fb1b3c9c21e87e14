import type { Element } from '@xmldom/xmldom';
import { descendants } from '../xml/xml-query';
import { ns4 } from './namespaces';

/** The ECF 4.0 operations the Filing Review service takes from ECF 4 filers. */
export const ecf4Operations = ['ReviewFiling4'] as const;

/** One of {@link ecf4Operations}. */
export type Ecf4Operation = (typeof ecf4Operations)[number];

/** The SOAPAction Tyler's and the OASIS ECF 4.0 WSDL bind ReviewFiling to (FilingReviewMDEPortSOAPBinding). */
export const reviewFilingAction4 = `${ns4.wsmp}/FilingReviewMDEPort/ReviewFilingRequest`;

/** The ECF 4 operation a SOAP body requests (`wsmp:ReviewFilingRequestMessage`), or null. */
export function ecf4OperationOf(body: Element): Ecf4Operation | null {
  return body.namespaceURI === ns4.wsmp && body.localName === 'ReviewFilingRequestMessage' ? 'ReviewFiling4' : null;
}

/** The CoreFilingMessages and the PaymentMessage of an ECF 4.0 ReviewFilingRequestMessage. */
export function reviewFilingRequestParts4(body: Element): { coreMessages: Element[]; payment: Element | null } {
  return {
    coreMessages: descendants(body, ns4.core, 'CoreFilingMessage'),
    payment: descendants(body, ns4.payment, 'PaymentMessage')[0] ?? null,
  };
}
