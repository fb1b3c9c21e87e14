import http from 'node:http';
import https from 'node:https';

/** A request to the EFM: a SOAP POST, or a GET of a published code list. */
export interface PostRequest {
  readonly method?: 'POST' | 'GET';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** PEM CA bundle to trust for the EFM's TLS certificate (besides the system store when omitted). */
  readonly ca?: string;
  /** The workstation's certificate and key for TLS client authentication, when the EFM asks for one. */
  readonly clientCert?: { readonly certPem: string; readonly keyPem: string };
  /**
   * Streams the answer's bytes here instead of keeping them (a code list of any size): the body comes back empty.
   * Returning false stops the download (the reader has refused what it got).
   */
  readonly onChunk?: (chunk: Buffer) => boolean;
}

/** A response, read whole (within the size limit). */
export interface PostResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** A transport failure, classified for retry decisions and for the clerk's message. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'unreachable' | 'reset' | 'too-large' | 'tls',
    message: string,
  ) {
    super(message);
  }
}

/**
 * POSTs a SOAP message over HTTP(S): TLS 1.2 or newer, certificate checked (custom CA allowed), one overall timeout,
 * and the response refused once it passes the size limit (a broken or hostile EFM cannot exhaust memory).
 */
export function httpPost(request: PostRequest): Promise<PostResponse> {
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  const transport = secure ? https : http;
  return new Promise((resolveOnce, rejectOnce) => {
    // Destroying a socket fires more errors; only the first outcome counts.
    let settled = false;
    const resolve = (value: PostResponse): void => {
      if (settled) return;
      settled = true;
      resolveOnce(value);
    };
    const reject = (error: TransportError): void => {
      if (settled) return;
      settled = true;
      rejectOnce(error);
    };
    const outgoing = transport.request(
      url,
      {
        method: request.method ?? 'POST',
        headers: { ...request.headers, 'Content-Length': String(request.body.length) },
        ...(secure ? { minVersion: 'TLSv1.2' as const, rejectUnauthorized: true, ...(request.ca ? { ca: request.ca } : {}), ...(request.clientCert ? { cert: request.clientCert.certPem, key: request.clientCert.keyPem } : {}) } : {}),
      },
      (response) => {
        const declared = Number(response.headers['content-length'] ?? NaN);
        if (declared > request.maxResponseBytes) {
          reject(new TransportError('too-large', `The EFM's answer is ${declared} bytes; the limit is ${request.maxResponseBytes}`));
          response.destroy();
          return;
        }
        // With a declared length, copy each chunk into one buffer as it arrives, so a 50 MB document costs about
        // 50 MB here rather than the chunk list plus its concatenation.
        const streamed = request.onChunk && response.statusCode === 200 ? request.onChunk : null;
        const preallocated = !streamed && Number.isInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size + chunk.length > request.maxResponseBytes || (preallocated && size + chunk.length > preallocated.length)) {
            reject(new TransportError('too-large', `The EFM's answer passed the ${preallocated ? 'declared length' : `${request.maxResponseBytes}-byte limit`}`));
            response.destroy();
            return;
          }
          size += chunk.length;
          if (streamed) {
            if (!streamed(chunk)) {
              // The reader keeps why it stopped; the answer ends here.
              resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body: Buffer.alloc(0) });
              response.destroy();
            }
          } else if (preallocated) chunk.copy(preallocated, size - chunk.length);
          else chunks.push(chunk);
        });
        response.on('end', () => {
          if (preallocated && size !== preallocated.length) {
            reject(new TransportError('reset', `The EFM's answer was cut off after ${size} of ${preallocated.length} bytes`));
            return;
          }
          const body = streamed ? Buffer.alloc(0) : (preallocated ?? Buffer.concat(chunks, size));
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body });
        });
        response.on('aborted', () => reject(new TransportError('reset', 'The EFM closed the connection mid-answer')));
        response.on('error', (error) => reject(new TransportError('reset', `The answer was cut off: ${error.message}`)));
      },
    );
    outgoing.setTimeout(request.timeoutMs, () => outgoing.destroy(new TransportError('timeout', `The EFM did not answer within ${Math.round(request.timeoutMs / 1000)} s`)));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof TransportError) reject(error);
      else if (error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH' || error.code === 'EAI_AGAIN') reject(new TransportError('unreachable', `The EFM cannot be reached (${error.code})`));
      else if (/certificate|SSL|TLS|self.signed|CERT/i.test(`${error.code ?? ''} ${error.message}`)) reject(new TransportError('tls', `The EFM's TLS certificate was refused: ${error.message}`));
      else reject(new TransportError('reset', `The connection to the EFM failed: ${error.code ?? error.message}`));
    });
    outgoing.end(request.body);
  });
}
