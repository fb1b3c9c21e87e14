import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';

let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ maxRequestBytes: 64 * 1024 }).start();
});
afterAll(() => simulator.close());

function post(body: string | Buffer, contentType = 'text/xml'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(simulator.endpoints().ClerkReview);
    const outgoing = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': contentType } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('the simulated EFM on hostile input', () => {
  it.each([
    ['a DOCTYPE with entities', '<!DOCTYPE s [<!ENTITY x "y">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&x;</soap:Body></soap:Envelope>', 'DOCTYPE'],
    ['not XML at all', 'GET / HTTP/1.1', 'not well-formed'],
    ['XML that is not SOAP', '<a/>', 'Expected a SOAP Envelope'],
    ['SOAP without credentials', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x/></soap:Body></soap:Envelope>', 'Unknown user'],
    ['a truncated MTOM body', '--B\r\nContent-Type: application/xop+xml\r\n\r\n<soap:Envelope', 'truncated'],
  ])('answers %s with a SOAP fault that says why', async (_name, body, reason) => {
    const contentType = body.startsWith('--B') ? 'multipart/related; type="application/xop+xml"; boundary="B"' : 'text/xml';
    const response = await post(body, contentType);
    expect(response.status).toBe(500);
    expect(response.text).toContain('<soap:Fault>');
    expect(response.text).toContain(reason);
  });

  it('refuses an oversized request before reading it whole, and keeps serving', async () => {
    const response = await post(Buffer.alloc(200 * 1024, 0x41));
    expect(response.text).toContain('too-large');
    expect((await post('<a/>')).status).toBe(500);
  });
});
