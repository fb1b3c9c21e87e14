import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { readSoapEnvelope } from '../../../electron/soap/soap-envelope';
import { readMessageStatus } from '../../../shared/ecf/message-status';
import { endpointPaths, servedEndpoints } from '../../../shared/ecf/operation-table';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { RecordingProxy } from '../../fixtures/recording-proxy';
import { bodiesOf, callWithBody as call, exampleBody, serviceWsdl } from '../../fixtures/soap-interop';

/**
 * The Filing Review service against a SOAP client we did not write: node-soap, built from the official OASIS ECF 5.0
 * WSDLs and from Tyler's production ECF 5 WSDLs, sending the TC's own example filings. Every body on the wire is
 * validated against both schema sets (#13).
 */
let simulator: EfmSimulator;
let proxy: RecordingProxy;

/** A node-soap client for one MDE, signing in as the demo filer's EFSP with a nonce (replay protection). */
async function filerClient(set: 'oasis' | 'tyler', mde: 'FilingReviewMDE' | 'CourtPolicyMDE'): Promise<soap.Client> {
  const address = `${proxy.url}${endpointPaths[mde]}`;
  const client = await soap.createClientAsync(serviceWsdl(set, mde, address));
  client.setSecurity(new soap.WSSecurity('efsp', 'demo-efsp', { hasNonce: true, mustUnderstand: true }));
  return client;
}

const pdf = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

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
    for (const name of servedEndpoints) {
      const client = await soap.createClientAsync(`${simulator.url}${endpointPaths[name]}?wsdl`);
      const described = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
      const operations = Object.values(Object.values(described)[0] ?? {})[0] ?? {};
      const expected = name === 'ClerkReview' ? 'SubmitFilingReview' : name === 'CourtPolicyMDE' ? 'GetPolicy' : name === 'CourtRecordMDE' ? 'GetCase' : 'ReviewFiling'; // FilingReviewMDE and FilingReviewMDE4
      expect(Object.keys(operations), name).toContain(expected);
    }
  }, 180_000);

  it('every SOAP body on the wire validates against the OASIS schemas, and the civil ones against Tyler\'s', () => {
    const bodies = bodiesOf(proxy.exchanges);
    const oasis = validateEcfBatch(bodies, 'oasis');
    const tyler = validateEcfBatch(bodies, 'tyler');
    console.log(`interop: ${bodies.length} bodies on the wire; OASIS valid ${oasis.filter((r) => r.valid).length}/${bodies.length}, Tyler valid ${tyler.filter((r) => r.valid).length}/${bodies.length}`);
    expect(bodies.length).toBeGreaterThanOrEqual(14);
    expect(oasis.filter((r) => !r.valid).map((r) => r.output)).toEqual([]);
    expect(tyler.filter((r) => !r.valid).map((r) => r.output)).toEqual([]);
  }, 120_000);
});
