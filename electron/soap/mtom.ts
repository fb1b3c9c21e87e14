import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';

/** One MIME part of an MTOM (XOP) message. */
export interface MimePart {
  readonly contentId: string;
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** A multipart/related message: the SOAP envelope and the binary parts its `xop:Include`s point at. */
export interface MtomMessage {
  readonly rootXml: string;
  readonly parts: ReadonlyMap<string, MimePart>;
}

/** Why an MTOM message could not be read. */
export interface MtomError {
  readonly kind: 'not-multipart' | 'truncated' | 'malformed' | 'too-large';
  readonly message: string;
}

const rootId = 'root.message@clerk-review';

/** True when a Content-Type header announces multipart/related (MTOM). */
export function isMultipartRelated(contentType: string | undefined): boolean {
  return /^\s*multipart\/related\s*;/i.test(contentType ?? '');
}

/**
 * Encodes a SOAP envelope and binary parts as MTOM: `multipart/related; type="application/xop+xml"`. Binary parts
 * travel raw (no base64), which is what keeps a 50 MB document a 50 MB message.
 */
export function encodeMtom(rootXml: string, parts: readonly MimePart[], soapType = 'text/xml'): { contentType: string; body: Buffer } {
  const boundary = `MIMEBoundary_${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="${soapType}"\r\nContent-Transfer-Encoding: 8bit\r\nContent-ID: <${rootId}>\r\n\r\n`, 'utf8'),
    Buffer.from(rootXml, 'utf8'),
  ];
  for (const part of parts) {
    chunks.push(Buffer.from(`\r\n--${boundary}\r\nContent-Type: ${part.contentType}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${part.contentId}>\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(part.body.buffer, part.body.byteOffset, part.body.byteLength));
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return {
    contentType: `multipart/related; type="application/xop+xml"; start="<${rootId}>"; start-info="${soapType}"; boundary="${boundary}"`,
    body: Buffer.concat(chunks),
  };
}

/**
 * Decodes an MTOM message without copying the binary parts (they are views into `body`). A message whose closing
 * boundary is missing is refused as truncated, never half-read.
 */
export function decodeMtom(contentType: string, body: Buffer, maxParts = 1000): Result<MtomMessage, MtomError> {
  if (!isMultipartRelated(contentType)) return err({ kind: 'not-multipart', message: `Expected multipart/related, got ${contentType.slice(0, 80)}` });
  const boundary = parameter(contentType, 'boundary');
  if (!boundary) return err({ kind: 'malformed', message: 'multipart/related without a boundary' });
  const start = parameter(contentType, 'start')?.replace(/^<|>$/g, '') ?? null;
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let position = body.indexOf(delimiter);
  if (position < 0) return err({ kind: 'malformed', message: 'The MTOM body has no boundary line' });
  const parts: MimePart[] = [];
  for (;;) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString('latin1') === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', afterDelimiter, 'latin1');
    if (headerEnd < 0) return err({ kind: 'truncated', message: 'The MTOM message ends inside a part header' });
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) return err({ kind: 'truncated', message: 'The MTOM message is truncated: its closing boundary is missing' });
    const headers = parseHeaders(body.subarray(afterDelimiter, headerEnd).toString('latin1'));
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    parts.push({ contentId: (headers.get('content-id') ?? '').replace(/^<|>$/g, ''), contentType: headers.get('content-type') ?? 'application/octet-stream', body: body.subarray(headerEnd + 4, end) });
    if (parts.length > maxParts) return err({ kind: 'too-large', message: `More than ${maxParts} MIME parts` });
    position = next;
  }
  const root = (start ? parts.find((part) => part.contentId === start) : undefined) ?? parts[0];
  if (!root) return err({ kind: 'malformed', message: 'The MTOM message has no parts' });
  const map = new Map(parts.filter((part) => part !== root).map((part) => [part.contentId, part]));
  return ok({ rootXml: Buffer.from(root.body.buffer, root.body.byteOffset, root.body.byteLength).toString('utf8'), parts: map });
}

function parameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
