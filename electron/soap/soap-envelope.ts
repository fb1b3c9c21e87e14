import type { Element } from '@xmldom/xmldom';
import { ns } from '../../shared/ecf/namespaces';
import { writePrefixes } from '../../shared/ecf/review-parts';
import { err, ok, type Result } from '../../shared/result';
import { parseXml, parseXmlPrefix, type XmlError, type XmlLimits } from '../../shared/xml/safe-xml';
import { child, firstChildElement, textAt } from '../../shared/xml/xml-query';
import { el, serializeXml, type XmlElement } from '../../shared/xml/xml-writer';

const { soap } = ns;

/** Prefixes declared on every SOAP envelope we write. */
export const soapPrefixes = { soap: ns.soap, crd: ns.crd, xop: ns.xop, xmime: ns.xmime, wsse: ns.wsse, wsu: ns.wsu, wrapper: ns.wrapper, policyrequest: ns.policyrequest, policyresponse: ns.policyresponse, caserequest: ns.caserequest, caseresponse: ns.caseresponse, caselistrequest: ns.caselistrequest, caselistresponse: ns.caselistresponse, filingstatusrequest: ns.filingstatusrequest, filingstatusresponse: ns.filingstatusresponse, cbrn: ns.cbrn, ...writePrefixes } as const;

/** A SOAP 1.1 envelope around one body element, with optional header blocks. */
export function soapEnvelope(body: XmlElement, header: readonly XmlElement[] = []): string {
  return serializeXml(el(soap, 'Envelope', header.length > 0 ? el(soap, 'Header', header) : null, el(soap, 'Body', body)), soapPrefixes);
}

/** A SOAP 1.1 fault envelope: `soap:Client` for the caller's mistakes, `soap:Server` for ours. */
export function soapFaultEnvelope(faultCode: 'Client' | 'Server', faultString: string, detail: XmlElement | null, header: readonly XmlElement[] = []): string {
  return serializeXml(
    el(soap, 'Envelope', header.length > 0 ? el(soap, 'Header', header) : null, el(soap, 'Body', el(soap, 'Fault',
      el('', 'faultcode', `soap:${faultCode}`),
      el('', 'faultstring', faultString),
      detail ? el('', 'detail', detail) : null))),
    soapPrefixes,
  );
}

/** A parsed envelope: its header (if any) and the first element of its body. */
export interface SoapMessage {
  readonly header: Element | null;
  readonly body: Element;
}

/** A SOAP fault as received. */
export interface SoapFault {
  readonly faultCode: string;
  readonly faultString: string;
  readonly detail: Element | null;
}

/** Why a SOAP message could not be read. */
export type SoapReadError = XmlError | { readonly kind: 'not-soap'; readonly message: string };

/** Parses a SOAP 1.1 envelope from untrusted text (DOCTYPE refused, size and depth limited). */
export function readSoapEnvelope(xml: string, limits?: XmlLimits): Result<SoapMessage, SoapReadError> {
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  if (envelope.namespaceURI !== soap || envelope.localName !== 'Envelope') return err({ kind: 'not-soap', message: `Expected a SOAP 1.1 Envelope, found ${envelope.nodeName}` });
  const first = firstChildElement(child(envelope, soap, 'Body'));
  if (!first) return err({ kind: 'not-soap', message: 'The SOAP Body is empty.' });
  return ok({ header: child(envelope, soap, 'Header'), body: first });
}

/** The fault a body holds, or null when it is not a fault. */
export function readSoapFault(body: Element): SoapFault | null {
  if (body.namespaceURI !== soap || body.localName !== 'Fault') return null;
  return { faultCode: textAt(body, ['', 'faultcode']) ?? 'soap:Server', faultString: textAt(body, ['', 'faultstring']) ?? 'SOAP fault', detail: child(body, '', 'detail') };
}

/** How much of a request is read before its sender is known: WS-Security headers take a few kilobytes. */
export const maxUnauthenticatedBytes = 64 * 1024;

/**
 * The SOAP header of a request read from the request's first bytes only (for MTOM, the root part's start), so a
 * server can authenticate before it reads or parses the body. Null with the reason when the start is not a SOAP
 * envelope whose header ends within the prefix.
 */
export function readSoapHeaderPrefix(prefix: Buffer, multipart: boolean): Result<Element | null, SoapReadError> {
  let text = prefix.toString('utf8');
  if (multipart) {
    // The root part follows the first boundary line and its MIME headers.
    const start = text.indexOf('\r\n\r\n');
    if (start < 0) return err({ kind: 'not-soap', message: 'The MIME headers of the request do not end within its first bytes.' });
    text = text.slice(start + 4);
  }
  const parsed = parseXmlPrefix(text, { uri: soap, local: 'Body' });
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  if (envelope.namespaceURI !== soap || envelope.localName !== 'Envelope') return err({ kind: 'not-soap', message: `Expected a SOAP 1.1 Envelope, found ${envelope.nodeName}` });
  return ok(child(envelope, soap, 'Header'));
}
