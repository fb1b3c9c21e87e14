import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { reviewRecords } from '../../../electron/service/store/review-records';
import { messageReceiptMessage4, messageReceiptPrefixes4, readMessageReceipt4 } from '../../../shared/ecf4/message-receipt';
import { ns4 } from '../../../shared/ecf4/namespaces';
import { notifyFilingReviewCompleteAction4 } from '../../../shared/ecf4/review-filing-callback';
import { descendants, textAt } from '../../../shared/xml/xml-query';
import { serializeXml } from '../../../shared/xml/xml-writer';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { cancelFiling } from '../../fixtures/cancel-filing';
import { civilTwoFilings, civilTwoFilingsDocuments, ecf4FilingReviewClient, soapBodyOf, tylerEcf4Wsdl, validateTylerEcf4 } from '../../fixtures/ecf4-filer';
import { RecordingProxy } from '../../fixtures/recording-proxy';
import { bodiesOf, callWithBody } from '../../fixtures/soap-interop';
import { parsedRoot } from '../../fixtures/parsed-root';

/**
 * The ECF 4.0 NotifyFilingReviewComplete (#17, deliverable 3): an ECF 4 filer (node-soap from Tyler's Illinois
 * FilingReviewMDEService WSDL) files two filings; a clerk accepts one and rejects the other; once the accepted one is
 * docketed, the filer's FilingAssemblyMDEPort — a node-soap *server* built from Tyler's Illinois ECF 4.0
 * FilingAssemblyMDEService WSDL — receives one ECF 4.0 callback per filing, each valid against Tyler's ECF 4 schemas.
 */
const tylerWsdl = tylerEcf4Wsdl;
const fixture = civilTwoFilings;
const bodyOf = soapBodyOf;
const documents = civilTwoFilingsDocuments;

let simulator: EfmSimulator;
let filerServer: Server;
let toFiler: RecordingProxy;
let toService: RecordingProxy;
/** What the filer's node-soap server was called with. */
const filerCalls: string[] = [];

beforeAll(async () => {
  filerServer = createServer((_request, response) => void response.writeHead(404).end());
  await new Promise<void>((resolve) => filerServer.listen(0, '127.0.0.1', resolve));
  const filerUrl = `http://127.0.0.1:${(filerServer.address() as AddressInfo).port}`;
  // The filer answers as an ECF 4.0 FilingAssemblyMDE does: a MessageReceiptMessage, error 0.
  const receipt = serializeXml(messageReceiptMessage4({ envelopes: [], courtId: 'efsp', sendingMde: filerUrl, errorCode: '0', errorText: 'No Error' }), messageReceiptPrefixes4);
  const services = {
    FilingAssemblyMDEService: {
      FilingAssemblyMDEPort: {
        NotifyFilingReviewComplete: (args: unknown) => {
          filerCalls.push(JSON.stringify(args));
          return { _xml: receipt.replace(/^<\?xml[^?]*\?>\s*/, '') };
        },
      },
    },
  };
  const wsdl = tylerWsdl('FilingAssemblyMDEService');
  soap.listen(filerServer, { path: '/FilingAssemblyMDEPort', services, xml: readFileSync(wsdl, 'utf8'), uri: wsdl });
  toFiler = await new RecordingProxy(filerUrl).start();
  simulator = await new EfmSimulator({
    validateEcf: async (xml) => validateEcf(xml), validateEcf4: validateTylerEcf4,
    cms: { delayMs: 1, failureRate: 0, model: 'per-filing' },
    filerCallbacks: { endpoints: {}, ecf4Endpoints: { efsp: `${toFiler.url}/FilingAssemblyMDEPort` }, retryDelaysMs: [5] },
  }).start();
  toService = await new RecordingProxy(simulator.url).start();
}, 120_000);
afterAll(async () => {
  await simulator.close();
  await Promise.all([toFiler.close(), toService.close()]);
  await new Promise<void>((resolve) => filerServer.close(() => resolve()));
});

/** The filer files the two-filing fixture (under its own message id); returns the court's envelope id. */
async function file(messageId = 'EFSP-2026-0042'): Promise<string> {
  const filer = await ecf4FilingReviewClient(toService.url, 'efsp', 'demo-efsp');
  const raw = await callWithBody(filer, 'ReviewFiling', bodyOf(fixture.replace('EFSP-2026-0042', messageId)), documents);
  const root = parsedRoot(raw);
  const envelopeId = readMessageReceipt4(root)?.envelopeIds[0];
  if (!envelopeId) throw new Error(`not filed: ${raw.slice(0, 400)}`);
  return envelopeId;
}

/** Waits until docketing and the filer's callbacks are done and the filer has heard `count` times in all. */
async function settled(count: number): Promise<void> {
  for (let round = 0; round < 400 && filerCalls.length < count; round++) {
    await simulator.whenDocketingIdle();
    await simulator.filerCallbacks.whenIdle();
    if (filerCalls.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The filer's callback requests seen so far, as sent on the wire. */
const callbackRequests = (): string[] => bodiesOf(toFiler.exchanges).filter((_body, index) => index % 2 === 0);

describe('an ECF 4.0 filer hears of review through the ECF 4.0 NotifyFilingReviewComplete', () => {
  it('one callback per filing, after docketing, at the ECF 4 endpoint, valid for Tyler\'s ECF 4 schemas', async () => {
    const envelopeId = await file();
    const clerk = new EfmClient({ endpoint: toService.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const detail = await clerk.getEnvelope(envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    const [motion, appearance] = detail.value.envelope.filings;
    if (!motion || !appearance) throw new Error('two filings expected');
    const lease = await clerk.claim(envelopeId);
    if (!lease.ok) throw new Error(lease.error.message);
    const decided = await submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
      envelopeId, fencingToken: lease.value.fencingToken, idempotencyKey: `${envelopeId}-ecf4`, decidedAt: new Date().toISOString(),
      caseAssignment: null, stamped: [],
      decisions: [
        { outcome: 'accepted', filingId: motion.id, correctedFilingCode: null, note: null },
        { outcome: 'rejected', filingId: appearance.id, reasonCode: 'MISSING-SIGNATURE', note: 'The notice is not signed by the attorney of record.' },
      ],
    });
    expect(decided).toMatchObject({ ok: true, value: { envelopeComplete: true } });
    await settled(2);

    // Sent at the ECF 4 FilingAssemblyMDEPort with the ECF 4.0 SOAPAction, one per filing, after docketing.
    const posts = toFiler.exchanges.filter((exchange) => exchange.method === 'POST');
    expect(posts.map((post) => post.soapAction?.replace(/"/g, ''))).toEqual([notifyFilingReviewCompleteAction4, notifyFilingReviewCompleteAction4]);
    expect(filerCalls).toHaveLength(2);
    expect(await reviewRecords.docketing(simulator.database, envelopeId, motion.id)).toBe('successful');
    // Each request and each of the filer's receipts is valid ECF 4.0 for Tyler's schemas.
    const wire = bodiesOf(posts);
    const validations = validateEcfBatch(wire, 'tyler4');
    expect(validations.map((v) => v.valid), validations.map((v) => v.output).join('\n')).toEqual([true, true, true, true]);
    const bodies = wire.filter((_body, index) => index % 2 === 0);

    // What each says, read from the wire.
    const read = bodies.map((body) => {
      const root = parsedRoot(body);
      const callback = descendants(root, ns4.reviewcb, 'ReviewFilingCallbackMessage')[0] ?? null;
      const ids = descendants(callback ?? root, ns4.nc, 'DocumentIdentification').slice(0, 2).map((id) => textAt(id, [ns4.nc, 'IdentificationID']));
      return {
        root: root.localName,
        ids,
        status: textAt(callback, [ns4.ecf, 'FilingStatus'], [ns4.ecf, 'FilingStatusCode']),
        reason: textAt(callback, [ns4.ecf, 'FilingStatus'], [ns4.nc, 'StatusDescriptionText']),
        caseNumber: textAt(callback, [ns4.nc, 'Case'], [ns4.nc, 'CaseDocketID']),
        docketId: textAt(callback, [ns4.ecf, 'ReviewedLeadDocument'], [ns4.ecf, 'DocumentDocketID'], [ns4.nc, 'IdentificationID']),
        party: textAt(callback, [ns4.ecf, 'ReviewedLeadDocument'], [ns4.ecf, 'DocumentMetadata'], [ns4.ecf, 'FilingPartyID'], [ns4.nc, 'IdentificationID']),
        connected: descendants(callback ?? root, ns4.ecf, 'ReviewedConnectedDocument').length,
        paid: descendants(root, ns4.cbc, 'PaidAmount').map((amount) => amount.textContent),
        filerMessageId: body.includes('EFSP-2026-0042'),
      };
    });
    expect(read[0]).toMatchObject({
      root: 'NotifyFilingReviewCompleteRequestMessage', ids: [motion.id, envelopeId], status: 'accepted', caseNumber: '2026-CV-001187',
      party: 'Party1', connected: 2, paid: ['85.50'], filerMessageId: true,
    });
    expect(read[0]?.docketId).toMatch(/\S/);
    expect(read[1]).toMatchObject({ ids: [appearance.id, envelopeId], status: 'rejected', docketId: null, connected: 0, paid: [] });
    expect(read[1]?.reason).toBe('Document not signed (MISSING-SIGNATURE): The notice is not signed by the attorney of record.');
    // The envelope's history says the filer was notified.
    const history = await clerk.getEnvelopeHistory(envelopeId);
    expect(history.ok && history.value.some((event) => /filer notified.*2 callbacks/.test(event.detail ?? ''))).toBe(true);
  }, 120_000);

  it('a cancellation of an ECF 4 filing is told in ECF 4: each filing cancelled, with the reason', async () => {
    const envelopeId = await file('EFSP-2026-0077');
    const before = filerCalls.length;
    const answer = await cancelFiling(toService.url, { username: 'efsp', password: 'demo-efsp' }, envelopeId);
    expect(answer).toContain('<cbrn:ErrorCodeText>0</cbrn:ErrorCodeText>');
    await settled(before + 2);
    const notices = callbackRequests().slice(before);
    expect(notices).toHaveLength(2);
    const validations = validateEcfBatch(notices, 'tyler4');
    expect(validations.map((v) => v.valid), validations.map((v) => v.output).join('\n')).toEqual([true, true]);
    for (const notice of notices) {
      expect(notice).toMatch(/<ecf:FilingStatusCode>cancelled<\/ecf:FilingStatusCode>/);
      expect(notice).toContain('Cancelled at the filer');
      expect(notice).toContain(envelopeId);
      // Nothing is charged for a cancelled filing.
      expect(notice).not.toContain('PaidAmount');
    }
  }, 120_000);
});
