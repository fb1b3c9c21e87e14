import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCms } from '../../../electron/cms/demo-cms';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { messageStatusElement } from '../../../shared/ecf/message-status';
import { ns } from '../../../shared/ecf/namespaces';
import { endpointPaths } from '../../../shared/ecf/operation-table';
import { reviewRecords } from '../../../electron/service/store/review-records';
import { stampPreset } from '../../../shared/stamp/stamp-template';
import { el, serializeXml } from '../../../shared/xml/xml-writer';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { pdfCorpus } from '../../fixtures/pdf-corpus';
import { RecordingProxy } from '../../fixtures/recording-proxy';
import { bodiesOf, callWithBody, exampleBody, serviceWsdl } from '../../fixtures/soap-interop';

/**
 * The whole review cycle between parties we did not write and ours, every hop through a recording proxy (#13, seed
 * 000 processes #3–#5, ECF 5.0 §6.1.10): a filer's node-soap client built from the OASIS FilingReviewMDE WSDL files
 * the TC's new-case civil example; a clerk decides through the desktop's API; the service asks the court record system
 * to number the case (DocumentStampInformation), stamps with that number, dockets (RecordDocketing); the record
 * system calls back; and the filer's NotifyFilingReviewComplete reaches a node-soap *server* built from the OASIS
 * FilingAssemblyMDE WSDL. Every body on every hop is validated against the OASIS and Tyler schemas.
 */
let cms: DemoCms;
let service: EfmSimulator;
let filerServer: Server;
const toService: { proxy: RecordingProxy | null } = { proxy: null };
let toCms: RecordingProxy;
let toFiler: RecordingProxy;
/** What the filer's node-soap server was called with: the operation and its parsed arguments. */
const filerCalls: { operation: string; args: unknown }[] = [];

beforeAll(async () => {
  // The filer's Filing Assembly MDE: node-soap's server from the OASIS WSDL, answering with a cbrn:MessageStatus.
  filerServer = createServer((_request, response) => void response.writeHead(404).end());
  await new Promise<void>((resolve) => filerServer.listen(0, '127.0.0.1', resolve));
  const filerUrl = `http://127.0.0.1:${(filerServer.address() as AddressInfo).port}`;
  const answer = serializeXml(el(ns.wrapper, 'NotifyFilingReviewCompleteResponse', messageStatusElement({ at: new Date().toISOString(), errorCode: '0', errorText: 'Received', mode: 'Test' })), { wrappers: ns.wrapper, cbrn: ns.cbrn, nc: ns.nc });
  const services = {
    FilingAssemblyMDEService: {
      FilingAssemblyMDEPort: {
        NotifyFilingReviewComplete: (args: unknown) => {
          filerCalls.push({ operation: 'NotifyFilingReviewComplete', args });
          return { _xml: answer.replace(/^<\?xml[^?]*\?>\s*/, '') };
        },
      },
    },
  };
  const wsdl = serviceWsdl('oasis', 'FilingAssemblyMDE', `${filerUrl}/FilingAssemblyMDE`);
  soap.listen(filerServer, { path: '/FilingAssemblyMDE', services, xml: readFileSync(wsdl, 'utf8'), uri: wsdl });
  toFiler = await new RecordingProxy(filerUrl).start();

  cms = new DemoCms({ delayMs: 1, failureRate: 0, model: 'per-filing', random: () => 0.5, validateEcf: async (xml) => validateEcf(xml), retryDelaysMs: [5], acceptFrom: { username: 'review-service', password: 'cms-side-secret' } });
  await cms.start();
  toCms = await new RecordingProxy(cms.url).start();
  service = await new EfmSimulator({
    caseNumbering: 'record-system',
    validateEcf: async (xml) => validateEcf(xml),
    recordSystem: { url: `${toCms.url}${endpointPaths.CourtRecordMDE}`, credentials: { username: 'review-service', password: 'cms-side-secret' } },
    filerCallbacks: { endpoints: { efsp: `${toFiler.url}/FilingAssemblyMDE` }, retryDelaysMs: [5] },
    docketingRetryDelaysMs: [5],
  }).start();
  await service.accounts.add({ username: 'cms1', displayName: 'County CMS', role: 'record-system', password: 'service-side-secret' });
  toService.proxy = await new RecordingProxy(service.url).start();
  cms.connect({ serviceUrl: toService.proxy.url, credentials: { username: 'cms1', password: 'service-side-secret' } });
}, 120_000);

afterAll(async () => {
  await service.close();
  await cms.close();
  await Promise.all([toService.proxy?.close(), toCms.close(), toFiler.close()]);
  await new Promise<void>((resolve) => filerServer.close(() => resolve()));
});

describe('the review cycle with node-soap on both outer edges', () => {
  it('ReviewFiling → clerk → DocumentStampInformation → RecordDocketing → NotifyDocketingComplete → NotifyFilingReviewComplete', async () => {
    const proxy = toService.proxy;
    if (!proxy) throw new Error('no proxy');
    // 1. The filer's EFSP files the TC's new-case civil example (two documents, a payment) from the OASIS WSDL.
    const filer = await soap.createClientAsync(serviceWsdl('oasis', 'FilingReviewMDE', `${proxy.url}${endpointPaths.FilingReviewMDE}`));
    filer.setSecurity(new soap.WSSecurity('efsp', 'demo-efsp', { hasNonce: true, mustUnderstand: true }));
    const corpus = await pdfCorpus();
    const raw = await callWithBody(filer, 'ReviewFiling', exampleBody('civil-ReviewFilingRequest-01.xml'), [
      { contentId: 'Payload1', body: Buffer.from(corpus.bytes('plain')) }, { contentId: 'Payload2', body: Buffer.from(corpus.bytes('text')) },
    ]);
    const envelopeId = /<nc:IdentificationID>([^<]+)<\/nc:IdentificationID>\s*<nc:IdentificationCategoryDescriptionText>envelopeID/.exec(raw)?.[1] ?? '';
    expect(envelopeId).not.toBe('');

    // 2. A clerk accepts the filing through the desktop's API; the record system will number the new case.
    const clerk = new EfmClient({ endpoint: proxy.url, credentials: { username: 'clerk1', password: 'demo-clerk1' }, sleep: async () => undefined });
    const detail = await clerk.getEnvelope(envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.caseNumberPending ?? false).toBe(false);
    const [filing] = detail.value.envelope.filings;
    if (!filing) throw new Error('no filing');
    const lease = await clerk.claim(envelopeId);
    if (!lease.ok) throw new Error(lease.error.message);
    const template = stampPreset('filed');
    if (!template) throw new Error('no FILED preset');
    const decided = await submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
      envelopeId, fencingToken: lease.value.fencingToken, idempotencyKey: `${envelopeId}-cycle`, decidedAt: new Date().toISOString(),
      decisions: [{ outcome: 'accepted', filingId: filing.id, correctedFilingCode: null, note: null }], caseAssignment: null, stamped: [],
      deferredStamps: [{ documentId: filing.leadDocument.id, filingId: filing.id, jobs: [{ template, placement: null }], fields: { status: 'FILED', court: 'Demo Court', datetime: new Date().toISOString(), timeZone: 'UTC', clerk: 'Dana Whitaker', envelopeId, filingId: filing.id } }],
    });
    expect(decided).toMatchObject({ ok: true, value: { result: 'applied', envelopeComplete: true } });

    // 3–5. The service and the record system talk; the filer hears once the filing is docketed.
    // The parties work in turn (the number's callback releases the docketing): wait until nothing is owed anywhere.
    for (let round = 0; round < 200; round++) {
      await service.whenDocketingIdle();
      await cms.whenIdle();
      await service.filerCallbacks.whenIdle();
      const owed = (await service.docketing.ofEnvelope(service.database, envelopeId)).some((delivery) => delivery.status !== 'answered');
      if (!owed && filerCalls.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const caseNumber = cms.openedCases[0]?.caseNumber ?? '';
    expect(caseNumber).toMatch(/^\d{4}-[A-Z]+-9\d{5}$/);
    expect(filerCalls.map((call) => call.operation)).toEqual(['NotifyFilingReviewComplete']);

    // The order on the wire, as seed 000 sets it: the number first, then the docketing, each answered by a callback.
    const operations = (hop: RecordingProxy): string[] => hop.exchanges.filter((e) => e.method === 'POST').map((e) => (e.soapAction ?? '').replace(/"/g, '').split('/').pop() ?? '');
    expect(operations(toCms)).toEqual(['DocumentStampInformation', 'RecordDocketing']);
    expect(operations(proxy).filter((op) => op.startsWith('Notify'))).toEqual(['NotifyDocumentStampInformation', 'NotifyDocketingComplete']);
    expect(operations(toFiler)).toEqual(['NotifyFilingReviewComplete']);

    // What the filer got: the record system's number, the docket entry, the stamped hash, the payment receipt.
    const [notice] = bodiesOf(toFiler.exchanges);
    expect(notice).toContain(caseNumber);
    expect(notice).toMatch(/<nc:CaseDocketID( [^>]*)?>DKT-[^<]+<\/nc:CaseDocketID>/);
    expect(notice).toContain('payment:PaymentMessage');
    const [stamped] = await reviewRecords.stampedDocuments(service.database, envelopeId);
    expect(stamped?.documentId).toBe(filing.leadDocument.id);
    expect(notice).toMatch(new RegExp(`<ecf:DocumentRenditionHash( [^>]*)?>${stamped?.sha256 ?? 'none'}</ecf:DocumentRenditionHash>`));

    // Every body on every hop, both directions: OASIS-valid, and Tyler-valid (the example is civil, in Tyler's set).
    const bodies = [...bodiesOf(proxy.exchanges), ...bodiesOf(toCms.exchanges), ...bodiesOf(toFiler.exchanges)].filter((body) => !body.includes(`xmlns:crd=`) && !body.includes('urn:clerk-review-desk'));
    const oasis = validateEcfBatch(bodies, 'oasis');
    const tyler = validateEcfBatch(bodies, 'tyler');
    console.log(`review cycle: ${bodies.length} ECF bodies on 3 hops; OASIS valid ${oasis.filter((r) => r.valid).length}/${bodies.length}, Tyler valid ${tyler.filter((r) => r.valid).length}/${bodies.length}`);
    expect(bodies.length).toBeGreaterThanOrEqual(10);
    expect(oasis.filter((r) => !r.valid).map((r) => r.output)).toEqual([]);
    expect(tyler.filter((r) => !r.valid).map((r) => r.output)).toEqual([]);
  }, 180_000);
});
