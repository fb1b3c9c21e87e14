import type { IncomingHttpHeaders } from 'node:http';
import { err, ok, type Result } from '../../shared/result';
import type { SoapVersion } from './soap-envelope';

/** How a SOAP request is framed on HTTP: its SOAP version, its action, and whether it is MTOM. */
export interface SoapFraming {
  readonly version: SoapVersion;
  /** The SOAPAction header (1.1) or the `action` parameter (1.2), unquoted; null when absent. */
  readonly soapAction: string | null;
  readonly multipart: boolean;
}

/** The parameters of a MIME content type, lower-cased names, unquoted values. */
function mimeParameters(contentType: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const match of contentType.matchAll(/;\s*([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]*)/g)) {
    parameters.set((match[1] ?? '').toLowerCase(), match[3] !== undefined ? match[3].replace(/\\(.)/g, '$1') : (match[2] ?? ''));
  }
  return parameters;
}

/**
 * Reads the SOAP version and action of a request from its HTTP headers: `text/xml` with a `SOAPAction` header is
 * SOAP 1.1, `application/soap+xml` (action in its `action` parameter) is SOAP 1.2; MTOM names the root's type in
 * `start-info`. Anything else is not a SOAP request.
 */
export function readSoapFraming(headers: IncomingHttpHeaders): Result<SoapFraming, string> {
  const contentType = headers['content-type'] ?? '';
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const parameters = mimeParameters(contentType);
  const multipart = media === 'multipart/related';
  const rootType = multipart ? (parameters.get('start-info') ?? 'text/xml').trim().toLowerCase() : media;
  const header = headers.soapaction;
  const headerAction = typeof header === 'string' ? header.trim().replace(/^"(.*)"$/, '$1') : null;
  if (rootType === 'text/xml') return ok({ version: '1.1', soapAction: headerAction, multipart });
  if (rootType === 'application/soap+xml') {
    // SOAP 1.2 MTOM carries the action in the start-info's own parameters or on the multipart type.
    const action = parameters.get('action') ?? null;
    return ok({ version: '1.2', soapAction: action ?? headerAction, multipart });
  }
  return err(`A SOAP request is sent as text/xml (SOAP 1.1), application/soap+xml (SOAP 1.2) or MTOM; this one is ${media || 'untyped'}`);
}
