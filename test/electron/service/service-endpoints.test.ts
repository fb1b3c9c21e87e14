import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { soapEnvelope, type SoapVersion } from '../../../electron/soap/soap-envelope';
import { wsSecurityHeader } from '../../../electron/soap/ws-security';
import { whoAmIRequestElement } from '../../../shared/ecf/supervision-messages';
import { endpointPaths, operationTable, servedEndpoints, type EndpointName } from '../../../shared/ecf/operation-table';
import { caseRequestMessage } from '../../../shared/ecf/case-messages';
import { wrapStandardRequest } from '../../../shared/ecf/standard-operations';

let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator().start();
});
afterAll(() => simulator.close());

/** Sends bytes to a path of the service with the given headers; the status, content type and text of the answer. */
function send(pathname: string, body: string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${simulator.url}${pathname}`);
    const outgoing = request(url, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? '', text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const clerk = { username: 'clerk1', password: 'demo-clerk1' };
const whoAmI = (version: SoapVersion = '1.1', credentials = clerk): string => soapEnvelope(whoAmIRequestElement(), [wsSecurityHeader(credentials, new Date(), 300, version)], version);
const soap11 = (action: string | null): Record<string, string> => ({ 'Content-Type': 'text/xml; charset=utf-8', ...(action === null ? {} : { SOAPAction: `"${action}"` }) });
const whoAmIAction = operationTable.WhoAmI.soapAction;

describe('the Filing Review service serves each MDE at its own path, strictly (#13)', () => {
  it('answers the operation its SOAPAction and body agree on', async () => {
    const answer = await send(endpointPaths.ClerkReview, whoAmI(), soap11(whoAmIAction));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('WhoAmIResponse');
  });

  it('refuses a SOAP 1.1 request without SOAPAction, or whose SOAPAction names another operation', async () => {
    const missing = await send(endpointPaths.ClerkReview, whoAmI(), soap11(null));
    expect(missing.text).toContain('The SOAPAction header is missing');
    const other = await send(endpointPaths.ClerkReview, whoAmI(), soap11(operationTable.SubmitFilingReview.soapAction));
    expect(other.text).toContain('does not match the body\'s WhoAmI');
  });

  it('refuses an operation sent to another MDE\'s endpoint', async () => {
    const getCase = soapEnvelope(wrapStandardRequest('GetCase', caseRequestMessage({ messageId: 'm', sendingMde: 'x', courtId: 'c', courtName: null, postedAt: new Date().toISOString() }, '2026-CV-000001')), [wsSecurityHeader(clerk)]);
    const answer = await send(endpointPaths.FilingReviewMDE, getCase, soap11(operationTable.GetCase.soapAction));
    expect(answer.text).toContain('GetCase is served at /CourtRecordMDE, not /FilingReviewMDE');
    const right = await send(endpointPaths.CourtRecordMDE, soapEnvelope(wrapStandardRequest('GetCase', caseRequestMessage({ messageId: 'm', sendingMde: 'x', courtId: 'c', courtName: null, postedAt: new Date().toISOString() }, '2026-CV-000001')), [wsSecurityHeader(clerk)]), soap11(operationTable.GetCase.soapAction));
    expect(right.status).toBe(200);
  });

  it('answers SOAP 1.2 in SOAP 1.2, its action in the content type, and its faults as SOAP 1.2 faults', async () => {
    const answer = await send(endpointPaths.ClerkReview, whoAmI('1.2'), { 'Content-Type': `application/soap+xml; charset=utf-8; action="${whoAmIAction}"` });
    expect(answer.contentType).toContain('application/soap+xml');
    expect(answer.text).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(answer.text).toContain('WhoAmIResponse');
    const fault = await send(endpointPaths.ClerkReview, whoAmI('1.2', { username: 'clerk1', password: 'wrong' }), { 'Content-Type': 'application/soap+xml; charset=utf-8' });
    expect(fault.text).toContain('<soap:Value>soap:Sender</soap:Value>');
    expect(fault.text).toContain('<soap:Value>wsse:FailedAuthentication</soap:Value>');
    const mismatch = await send(endpointPaths.ClerkReview, whoAmI('1.1'), { 'Content-Type': 'application/soap+xml; charset=utf-8' });
    expect(mismatch.text).toContain('the envelope is SOAP 1.1');
  });

  it('refuses a replayed request (same UsernameToken nonce) and a token without nonce or Created', async () => {
    const once = whoAmI();
    expect((await send(endpointPaths.ClerkReview, once, soap11(whoAmIAction))).status).toBe(200);
    const replay = await send(endpointPaths.ClerkReview, once, soap11(whoAmIAction));
    expect(replay.text).toContain('wsse:InvalidSecurity');
    expect(replay.text).toContain('already received');
    const bare = once.replace(/<wsse:Nonce[^>]*>[^<]*<\/wsse:Nonce>/, '');
    expect(await send(endpointPaths.ClerkReview, bare, soap11(whoAmIAction))).toMatchObject({ text: expect.stringContaining('needs a Nonce and a Created time') });
  });

  it('keeps filer accounts (EFSPs) out of the clerk review extension', async () => {
    const answer = await send(endpointPaths.ClerkReview, whoAmI('1.1', { username: 'efsp', password: 'demo-efsp' }), soap11(whoAmIAction));
    expect(answer.text).toContain('Only clerks and supervisors use the clerk review service');
  });

  it('serves each endpoint\'s WSDL with its own address, the schemas it names, a health check, and nothing outside', async () => {
    for (const name of servedEndpoints) {
      const wsdl = await send(`${endpointPaths[name]}?wsdl`, '', {}, 'GET');
      expect(wsdl.status, name).toBe(200);
      expect(wsdl.text, name).toContain(`location="${simulator.url}${endpointPaths[name]}"`);
    }
    // An ECF 4 record system's port is not the service's.
    expect((await send(`${endpointPaths.CourtRecordMDE4}?wsdl`, '', {}, 'GET')).status).toBe(404);
    expect((await send('/schemas/ecf5/schema/wrappers.xsd', '', {}, 'GET')).text).toContain('ReviewFilingRequest');
    expect((await send('/schemas/../package.json', '', {}, 'GET')).status).toBe(404);
    expect((await send('/schemas/%2e%2e/%2e%2e/etc/passwd.xsd', '', {}, 'GET')).status).toBe(404);
    const health = JSON.parse((await send('/health', '', {}, 'GET')).text) as { status: string; endpoints: Record<string, string> };
    expect(health).toMatchObject({ status: 'ok', endpoints: { FilingReviewMDE: `${simulator.url}/FilingReviewMDE` } });
  });
});

describe('where the service listens', () => {
  it('refuses to listen beyond this machine without TLS (passwords travel as text)', async () => {
    await expect(new EfmSimulator({ host: '0.0.0.0' }).start()).rejects.toThrow(/needs TLS/);
  });
});

describe('the operation table agrees with the WSDLs the service publishes', () => {
  it('every row\'s SOAPAction is the one its endpoint\'s WSDL binds', () => {
    const files: Partial<Record<EndpointName, string>> = {
      ClerkReview: path.resolve('schemas', 'clerk-review.wsdl'),
      // ECF 4.0 filers: the profile's definitions the service publishes (Tyler's set).
      FilingReviewMDE4: path.resolve('schemas', 'ecf4', 'wsdl', 'base', 'ecf-1.xsd'),
      // An ECF 4.0 record system: the same definitions' CourtRecordMDEPortSOAPBinding.
      CourtRecordMDE4: path.resolve('schemas', 'ecf4', 'wsdl', 'base', 'ecf-1.xsd'),
    };
    const wsdlOf = (endpoint: EndpointName): string => readFileSync(files[endpoint] ?? path.resolve('schemas', 'ecf5', 'webservices', 'wsdl', `${endpoint}.wsdl`), 'utf8');
    for (const row of Object.values(operationTable)) {
      expect(wsdlOf(row.endpoint), row.operation).toContain(`soapAction="${row.soapAction}"`);
    }
  });
});
