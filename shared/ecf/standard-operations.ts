import type { Element } from '@xmldom/xmldom';
import { firstChildElement } from '../xml/xml-query';
import { el, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

/**
 * The standard ECF 5.0 operations the product sends or serves (OASIS WSDL wrappers): the desktop's and filers'
 * calls to the Filing Review service, the service's RecordDocketing and DocumentStampInformation to the court record
 * system, and that system's NotifyDocketingComplete and NotifyDocumentStampInformation callbacks.
 */
export const standardOperations = [
  'GetPolicy', 'GetCase', 'GetCaseList', 'GetFilingStatus', 'ReviewFiling', 'CancelFiling', 'GetFilingList', 'RecordDocketing', 'NotifyDocketingComplete',
  'DocumentStampInformation', 'NotifyDocumentStampInformation', 'GetDocument',
] as const;

/** One of {@link standardOperations}. */
export type StandardOperation = (typeof standardOperations)[number];

/** `wrappers:<Operation>Request` around the operation's request message. */
export function wrapStandardRequest(operation: StandardOperation, message: XmlElement): XmlElement {
  return el(ns.wrapper, `${operation}Request`, message);
}

/** `wrappers:<Operation>Response` around the operation's response message. */
export function wrapStandardResponse(operation: StandardOperation, message: XmlElement): XmlElement {
  return el(ns.wrapper, `${operation}Response`, message);
}

/** The standard operation a SOAP body requests, or null. */
export function standardOperationOf(body: Element): StandardOperation | null {
  const local = body.localName ?? '';
  if (body.namespaceURI !== ns.wrapper || !local.endsWith('Request')) return null;
  const name = local.slice(0, -'Request'.length);
  return (standardOperations as readonly string[]).includes(name) ? (name as StandardOperation) : null;
}

/** True when a SOAP body is a standard-operation answer (a `wrappers:` element). */
export function isStandardResponse(body: Element): boolean {
  return body.namespaceURI === ns.wrapper;
}

/** The message inside a wrapper element. */
export function unwrapMessage(wrapper: Element): Element | null {
  return firstChildElement(wrapper);
}
