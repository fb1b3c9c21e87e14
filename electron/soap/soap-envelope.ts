import { messageReceiptPrefixes4 } from '../../shared/ecf4/message-receipt';
import type { Element } from '@xmldom/xmldom';
import { ns } from '../../shared/ecf/namespaces';
import { writePrefixes } from '../../shared/ecf/review-parts';
import { err, ok, type Result } from '../../shared/result';
import { parseXml, parseXmlPrefix, type XmlError, type XmlLimits } from '../../shared/xml/safe-xml';
import { child, firstChildElement, textAt } from '../../shared/xml/xml-query';
import { el, elAttrs, serializeXml, type RawXml, type XmlElement } from '../../shared/xml/xml-writer';

const { soap } = ns;

/** Prefixes declared on every SOAP envelope we write. */
export const soapPrefixes = { soap: ns.soap, crd: ns.crd, xop: ns.xop, xmime: ns.xmime, wsse: ns.wsse, wsu: ns.wsu, wrapper: ns.wrapper, policyrequest: ns.policyrequest, policyresponse: ns.policyresponse, caserequest: ns.caserequest, caseresponse: ns.caseresponse, caselistrequest: ns.caselistrequest, caselistresponse: ns.caselistresponse, filingstatusrequest: ns.filingstatusrequest, filingstatusresponse: ns.filingstatusresponse, filinglistrequest: ns.filinglistrequest, filinglistresponse: ns.filinglistresponse, cancel: ns.cancel, documentrequest: ns.documentrequest, documentresponse: ns.documentresponse, cbrn: ns.cbrn, ...writePrefixes, ...messageReceiptPrefixes4 } as const;

/** The SOAP version of a message: servers answer in the version they were asked in. */
export type SoapVersion = '1.1' | '1.2';

/** The envelope namespace and HTTP content type of each SOAP version. */
export const soapVersions: Readonly<Record<SoapVersion, { readonly ns: string; readonly contentType: string }>> = {
  '1.1': { ns: ns.soap, contentType: 'text/xml; charset=utf-8' },
  '1.2': { ns: ns.soap12, contentType: 'application/soap+xml; charset=utf-8' },
};

function prefixesFor(version: SoapVersion): Record<string, string> {
  return version === '1.1' ? soapPrefixes : { ...soapPrefixes, soap: ns.soap12 };
}

/** A SOAP envelope (1.1 unless asked) around one body element, with optional header blocks. */
export function soapEnvelope(body: XmlElement | RawXml, header: readonly XmlElement[] = [], version: SoapVersion = '1.1'): string {
  const env = soapVersions[version].ns;
  return serializeXml(el(env, 'Envelope', header.length > 0 ? el(env, 'Header', header) : null, el(env, 'Body', body)), prefixesFor(version));
}

/**
 * A SOAP fault envelope: Client/Sender for the caller's mistakes, Server/Receiver for ours. `subcode` is a qualified
 * code such as WS-Security's `wsse:FailedAuthentication` (SOAP 1.1 puts it in faultcode, SOAP 1.2 in a Subcode).
 */
export function soapFaultEnvelope(faultCode: 'Client' | 'Server', faultString: string, detail: XmlElement | null, header: readonly XmlElement[] = [], version: SoapVersion = '1.1', subcode: string | null = null): string {
  const env = soapVersions[version].ns;
  const fault = version === '1.1'
    ? el(env, 'Fault', el('', 'faultcode', subcode ?? `soap:${faultCode}`), el('', 'faultstring', faultString), detail ? el('', 'detail', detail) : null)
    : el(env, 'Fault',
      el(env, 'Code', el(env, 'Value', `soap:${faultCode === 'Client' ? 'Sender' : 'Receiver'}`), subcode ? el(env, 'Subcode', el(env, 'Value', subcode)) : null),
      el(env, 'Reason', elAttrs(env, 'Text', [{ ns: null, name: 'xml:lang', value: 'en' }], faultString)),
      detail ? el(env, 'Detail', detail) : null);
  return serializeXml(el(env, 'Envelope', header.length > 0 ? el(env, 'Header', header) : null, el(env, 'Body', fault)), prefixesFor(version));
}

/** A parsed envelope: its version, its header (if any) and the first element of its body. */
export interface SoapMessage {
  readonly version: SoapVersion;
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

/** The version of a SOAP envelope element, or null when it is not one. */
function versionOf(envelope: Element): SoapVersion | null {
  if (envelope.localName !== 'Envelope') return null;
  return envelope.namespaceURI === soap ? '1.1' : envelope.namespaceURI === ns.soap12 ? '1.2' : null;
}

/** Parses a SOAP 1.1 or 1.2 envelope from untrusted text (DOCTYPE refused, size and depth limited). */
export function readSoapEnvelope(xml: string, limits?: XmlLimits): Result<SoapMessage, SoapReadError> {
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  const version = versionOf(envelope);
  if (!version) return err({ kind: 'not-soap', message: `Expected a SOAP Envelope, found ${envelope.nodeName}` });
  const env = soapVersions[version].ns;
  const first = firstChildElement(child(envelope, env, 'Body'));
  if (!first) return err({ kind: 'not-soap', message: 'The SOAP Body is empty.' });
  return ok({ version, header: child(envelope, env, 'Header'), body: first });
}

/** The fault a body holds, or null when it is not a fault. */
export function readSoapFault(body: Element): SoapFault | null {
  if (body.localName !== 'Fault') return null;
  if (body.namespaceURI === ns.soap12) {
    return {
      faultCode: textAt(body, [ns.soap12, 'Code'], [ns.soap12, 'Value']) ?? 'soap:Receiver',
      faultString: textAt(body, [ns.soap12, 'Reason'], [ns.soap12, 'Text']) ?? 'SOAP fault',
      detail: child(body, ns.soap12, 'Detail'),
    };
  }
  if (body.namespaceURI !== soap) return null;
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
  const parsed = parseXmlPrefix(text, { uris: [soap, ns.soap12], local: 'Body' });
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  const version = versionOf(envelope);
  if (!version) return err({ kind: 'not-soap', message: `Expected a SOAP Envelope, found ${envelope.nodeName}` });
  return ok(child(envelope, soapVersions[version].ns, 'Header'));
}
