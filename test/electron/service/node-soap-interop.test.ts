import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { decodeMtom, isMultipartRelated } from '../../../electron/soap/mtom';
import { readSoapEnvelope, readSoapFault } from '../../../electron/soap/soap-envelope';
import { firstChildElement } from '../../../shared/xml/xml-query';
import { readMessageStatus } from '../../../shared/ecf/message-status';
import { endpointPaths } from '../../../shared/ecf/operation-table';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { RecordingProxy } from '../../fixtures/recording-proxy';

/**
 * The Filing Review service against a SOAP client we did not write: node-soap, built from the official OASIS ECF 5.0
 * WSDLs and from Tyler's production ECF 5 WSDLs, sending the TC's own example filings. Every body on the wire is
 * validated against both schema sets (#13).
 */
const shared = path.resolve('..', 'shared');
const examples = path.join(shared, 'ecf5', 'examples');
const work = mkdtempSync(path.join(tmpdir(), 'crd-interop-'));

let simulator: EfmSimulator;
let proxy: RecordingProxy;

/**
 * A service WSDL around an MDE WSDL that has none. The OASIS WSDLs also name their schema with Windows path
 * separators, relative to the TC's tree: the copy here points at the same schema by an absolute path.
 */
function serviceWsdl(set: 'oasis' | 'tyler', mde: string, address: string): string {
  let abstract = set === 'oasis' ? path.join(shared, 'ecf5', 'webservices', 'wsdl', `${mde}.wsdl`) : path.join(shared, 'tyler', 'ecf5', 'wsdl', `${mde}.wsdl`);
  if (set === 'oasis') {
    const fixed = readFileSync(abstract, 'utf8').replace(/schemaLocation="[^"]*wrappers\.xsd"/, `schemaLocation="${path.join(shared, 'ecf5', 'schema', 'wrappers.xsd')}"`);
    abstract = path.join(work, `oasis-${mde}.wsdl`);
    writeFileSync(abstract, fixed);
  }
  const ns = `https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0WSDL/${mde}`;
  const file = path.join(work, `${set}-${mde}-service.wsdl`);
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:mde="${ns}" targetNamespace="${ns}Test">
  <import namespace="${ns}" location="${abstract}"/>
  <service name="${mde}Service"><port name="${mde}Port" binding="mde:${mde}Soap"><soap:address location="${address}"/></port></service>
</definitions>`);
  return file;
}

/** A node-soap client for one MDE, signing in as the demo filer's EFSP with a nonce (replay protection). */
async function filerClient(set: 'oasis' | 'tyler', mde: 'FilingReviewMDE' | 'CourtPolicyMDE'): Promise<soap.Client> {
  const address = `${proxy.url}${endpointPaths[mde]}`;
  const client = await soap.createClientAsync(serviceWsdl(set, mde, address));
  client.setSecurity(new soap.WSSecurity('efsp', 'demo-efsp', { hasNonce: true, mustUnderstand: true }));
  return client;
}

/** An example message without its XML declaration and comments: what goes into a SOAP Body. */
function exampleBody(name: string): string {
  const document = new DOMParser().parseFromString(readFileSync(path.join(examples, name), 'utf8'), 'text/xml');
  return new XMLSerializer().serializeToString(document.documentElement as unknown as Element);
}

/** Calls an operation with a body we give verbatim; returns the raw answer node-soap received. */
async function call(client: soap.Client, operation: string, bodyXml: string, attachments: { contentId: string; body: Buffer }[] = []): Promise<string> {
  const method = client[`${operation}Async`] as (args: unknown, options: unknown) => Promise<[unknown, string]>;
  const options = attachments.length > 0 ? { attachments: attachments.map((a) => ({ mimetype: 'application/pdf', contentId: a.contentId, name: `${a.contentId}.pdf`, body: a.body })), forceMTOM: true } : {};
  const [, raw] = await method.call(client, { _xml: bodyXml }, options);
  return raw;
}

const pdf = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

/** The first element of a recorded SOAP message's Body, as a standalone document. */
function bodyOf(contentType: string, bytes: Buffer): string | null {
  let xml = bytes.toString('utf8');
  if (isMultipartRelated(contentType)) {
    const mtom = decodeMtom(contentType, bytes);
    if (!mtom.ok) return null;
    xml = mtom.value.rootXml;
  }
  const message = readSoapEnvelope(xml);
  if (!message.ok) return null;
  // A fault is SOAP's own; the ECF content of a refusal is its detail (a cbrn:MessageStatus).
  const fault = readSoapFault(message.value.body);
  const ecf = fault ? (fault.detail ? firstChildElement(fault.detail) : null) : message.value.body;
  return ecf ? `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(ecf)}` : null;
}

beforeAll(async () => {
  simulator = await new EfmSimulator({ validateEcf: async (xml) => validateEcf(xml) }).start();
  proxy = await new RecordingProxy(simulator.url).start();
}, 60_000);
afterAll(async () => {
  await proxy.close();
  await simulator.close();
});

describe('node-soap from the OASIS and Tyler WSDLs against the Filing Review service', () => {
  let envelopeId = '';
  let tylerEnvelopeId = '';
  const envelopeIdIn = (raw: string): string => /<nc:IdentificationID>([^<]+)<\/nc:IdentificationID>\s*<nc:IdentificationCategoryDescriptionText>envelopeID/.exec(raw)?.[1] ?? '';

  it('ReviewFiling (OASIS WSDL) with the TC example civil filing and its two documents as MTOM: received, in a clerk\'s queue', async () => {
    const client = await filerClient('oasis', 'FilingReviewMDE');
    const raw = await call(client, 'ReviewFiling', exampleBody('civil-ReviewFilingRequest-01.xml'), [
      { contentId: 'Payload1', body: pdf('appearance') }, { contentId: 'Payload2', body: pdf('information') },
    ]);
    const answer = readSoapEnvelope(raw);
    expect(answer.ok).toBe(true);
    const status = answer.ok ? readMessageStatus(answer.value.body) : null;
    expect(status?.ok && status.value.ok).toBe(true);
    envelopeId = envelopeIdIn(raw);
    expect(envelopeId).not.toBe('');
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const queue = await clerk.getReviewQueue({ sort: 'newest-first', pageSize: 10_000 });
    expect(queue.ok && queue.value.items.some((item) => item.envelopeId === envelopeId)).toBe(true);
  }, 120_000);

  it('ReviewFiling (Tyler WSDL) with another TC example filing is received too', async () => {
    const client = await filerClient('tyler', 'FilingReviewMDE');
    const raw = await call(client, 'ReviewFiling', exampleBody('civil-complaint-021-ReviewFilingRequest-Answer-04.xml'), [{ contentId: 'Payload1', body: pdf('answer') }]);
    tylerEnvelopeId = envelopeIdIn(raw);
    const answer = readSoapEnvelope(raw);
    expect(answer.ok && readMessageStatus(answer.value.body)).toMatchObject({ ok: true, value: { ok: true, errorCode: '0' } });
  }, 120_000);

  it('GetFilingStatus of a filing the court never received is refused with a cbrn:MessageStatus carrying the court\'s error 100', async () => {
    const client = await filerClient('oasis', 'FilingReviewMDE');
    const request = exampleBody('civil-complaint-003-GetFilingStatusRequest-04.xml').replace('<nc:IdentificationID>123456ABC</nc:IdentificationID>', '<nc:IdentificationID>NO-SUCH-FILING</nc:IdentificationID>');
    // The response message must hold a matching filing, so the refusal is a SOAP fault whose detail is the status.
    const failure = await call(client, 'GetFilingStatus', request).then(() => null, (error: { body?: string }) => error.body ?? '');
    expect(failure).toContain('<cbrn:ErrorCodeText>100</cbrn:ErrorCodeText>');
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    expect(await clerk.getFilingStatus(null, 'NO-SUCH-FILING')).toMatchObject({ ok: false, error: { code: 'not-found', ecfErrorCode: '100' } });
  }, 120_000);

  it('GetPolicy (OASIS CourtPolicyMDE WSDL) with the TC example request returns the court\'s policy', async () => {
    const client = await filerClient('oasis', 'CourtPolicyMDE');
    // The TC's example is the bare message; the operation carries it in its wrapper.
    const wrapped = `<wrappers:GetPolicyRequest xmlns:wrappers="https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/wrappers">${exampleBody('policyrequest.xml')}</wrappers:GetPolicyRequest>`;
    const raw = await call(client, 'GetPolicy', wrapped);
    expect(raw).toContain('GetPolicyResponseMessage');
    expect(raw).toContain('/codelists/');
  }, 120_000);

  it('CancelFiling (ECF 5.0 §6.1.7) with the TC example: cancelled before review, refused once a clerk holds it', async () => {
    const client = await filerClient('oasis', 'FilingReviewMDE');
    // The second example filing (not yet claimed): the TC's cancel message names it by the court's identifier.
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const [other, held] = [tylerEnvelopeId, envelopeId];
    expect(other).not.toBe('');
    const cancel = (id: string): Promise<string> => call(client, 'CancelFiling', exampleBody('cancel.xml').replace('<nc:IdentificationID>123456ABC</nc:IdentificationID>', `<nc:IdentificationID>${id}</nc:IdentificationID>`).replace(/^<cancel:/, '<wrappers:CancelFilingRequest xmlns:wrappers="https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/wrappers"><cancel:') + '</wrappers:CancelFilingRequest>');
    expect(await cancel(other)).toContain('<cbrn:ErrorCodeText>0</cbrn:ErrorCodeText>');
    const after = await clerk.getReviewQueue({ pageSize: 10_000 });
    expect(after.ok && after.value.items.some((item) => item.envelopeId === other)).toBe(false);
    expect(await clerk.claim(held)).toMatchObject({ ok: true });
    const refused = await cancel(held);
    expect(refused).toContain('<cbrn:ErrorCodeText>101</cbrn:ErrorCodeText>');
    expect(refused).toContain('clerk review has started');
  }, 120_000);

  it('GetFilingList (TC example request, criteria set to today) lists this filer\'s filings only', async () => {
    const client = await filerClient('oasis', 'FilingReviewMDE');
    const today = new Date().toISOString().slice(0, 10);
    const criteria = `<filinglistrequest:FilingListQueryCriteria><nc:DateRange><nc:StartDate><nc:Date>${today}</nc:Date></nc:StartDate><nc:EndDate><nc:Date>${today}</nc:Date></nc:EndDate></nc:DateRange></filinglistrequest:FilingListQueryCriteria>`;
    const request = exampleBody('filinglistrequest.xml').replace(/<filinglistrequest:FilingListQueryCriteria>[\s\S]*<\/filinglistrequest:FilingListQueryCriteria>/, criteria);
    const wrapped = `<wrappers:GetFilingListRequest xmlns:wrappers="https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/wrappers">${request}</wrappers:GetFilingListRequest>`;
    const raw = await call(client, 'GetFilingList', wrapped);
    // The two envelopes this EFSP filed (one filing each), none of the court's other envelopes.
    expect(raw.match(/<ecf:MatchingFiling>/g)).toHaveLength(2);
    expect(raw).toContain(`${envelopeId}-F1`);
    expect(raw).toContain(`${tylerEnvelopeId}-F1`);
  }, 120_000);

  it('node-soap builds clients from the service\'s own ?wsdl for every endpoint', async () => {
    for (const [name, endpointPath] of Object.entries(endpointPaths)) {
      const client = await soap.createClientAsync(`${simulator.url}${endpointPath}?wsdl`);
      const described = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
      const operations = Object.values(Object.values(described)[0] ?? {})[0] ?? {};
      const expected = name === 'ClerkReview' ? 'SubmitFilingReview' : name === 'CourtPolicyMDE' ? 'GetPolicy' : name === 'CourtRecordMDE' ? 'GetCase' : 'ReviewFiling';
      expect(Object.keys(operations), name).toContain(expected);
    }
  }, 180_000);

  it('every SOAP body on the wire validates against the OASIS schemas, and the civil ones against Tyler\'s', () => {
    const bodies = proxy.exchanges.filter((exchange) => exchange.method === 'POST').flatMap((exchange) => [
      bodyOf(exchange.requestContentType, exchange.request), bodyOf(exchange.responseContentType, exchange.response),
    ]).filter((body): body is string => body !== null);
    const oasis = validateEcfBatch(bodies, 'oasis');
    const tyler = validateEcfBatch(bodies, 'tyler');
    console.log(`interop: ${bodies.length} bodies on the wire; OASIS valid ${oasis.filter((r) => r.valid).length}/${bodies.length}, Tyler valid ${tyler.filter((r) => r.valid).length}/${bodies.length}`);
    expect(bodies.length).toBeGreaterThanOrEqual(14);
    expect(oasis.filter((r) => !r.valid).map((r) => r.output)).toEqual([]);
    expect(tyler.filter((r) => !r.valid).map((r) => r.output)).toEqual([]);
  }, 120_000);
});
