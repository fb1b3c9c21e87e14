import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../../electron/service/db/sql-database';
import { openTestDatabase } from '../../fixtures/service-database';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { readSoapEnvelope, soapEnvelope } from '../../../electron/soap/soap-envelope';
import { FilerCallbacks, notifyFilingReviewCompleteAction } from '../../../electron/service/filer-callbacks';
import { findFilingMessages } from '../../../shared/ecf/filing-message';
import { messageStatusElement } from '../../../shared/ecf/message-status';
import { ns } from '../../../shared/ecf/namespaces';
import { el, rawXml, serializeXml } from '../../../shared/xml/xml-writer';
import { messageReceiptMessage4, messageReceiptPrefixes4 } from '../../../shared/ecf4/message-receipt';
import { ns4 } from '../../../shared/ecf4/namespaces';
import { notifyFilingReviewCompleteAction4 } from '../../../shared/ecf4/review-filing-callback';
import { children, descendants, firstChildElement, textAt } from '../../../shared/xml/xml-query';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { listenOnLoopback, readRequestBody, type LoopbackServer } from '../../fixtures/loopback-server';
import { cancelFiling } from '../../fixtures/cancel-filing';

/**
 * ECF 5.0 §6.1.10 (seed 001): the Filing Review MDE calls NotifyFilingReviewComplete on the filer's Filing Assembly
 * MDE when the clerk rejects at once, and for accepted filings only after the court record system's
 * NotifyDocketingComplete (#13).
 */
interface Received { readonly soapAction: string; readonly body: string; readonly docketingCallbacksThen: number }
const received: Received[] = [];
/** While true the filer's EFSP answers 503: its endpoint is down. */
let filerDown = false;
let filer: LoopbackServer;
let simulator: EfmSimulator;
/** The standalone FilerCallbacks tests' own database. */
let database: SqlDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  filer = await listenOnLoopback((request, response) => void readRequestBody(request).then((body) => {
    if (filerDown) return void response.writeHead(503, { 'Content-Type': 'text/plain' }).end('down for maintenance');
    received.push({ soapAction: String(request.headers.soapaction ?? ''), body: body.toString('utf8'), docketingCallbacksThen: simulator.cms.callbacks.length });
    const answer = el(ns.wrapper, 'NotifyFilingReviewCompleteResponse', messageStatusElement({ at: new Date().toISOString(), errorCode: '0', errorText: 'Received', mode: 'Test' }));
    response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(soapEnvelope(answer));
  }));
  simulator = await new EfmSimulator({
    cms: { delayMs: 300, failureRate: 0, model: 'per-filing' },
    filerCallbacks: { endpoints: { efsp: `http://127.0.0.1:${filer.port}/FilingAssemblyMDE` }, retryDelaysMs: [20] },
    validateEcf: async (xml) => validateEcf(xml),
  }).start();
});
afterAll(async () => {
  await simulator.close();
  await database.close();
  await filer.close();
});

const example = readFileSync(path.resolve('..', 'shared', 'ecf5', 'examples', 'civil-complaint-021-ReviewFilingRequest-Answer-04.xml'), 'utf8');
const filingMessage = (senderId: string): string => new XMLSerializer().serializeToString(findFilingMessages(new DOMParser().parseFromString(example, 'text/xml').documentElement as unknown as Element)[0] as Element)
  .replace(/<nc:IdentificationID>[^<]*<\/nc:IdentificationID>/, `<nc:IdentificationID>${senderId}</nc:IdentificationID>`);
const paymentMessage = new XMLSerializer().serializeToString(new DOMParser().parseFromString(example, 'text/xml').getElementsByTagNameNS(ns.payment, 'PaymentMessage')[0] as unknown as Element);
const filedPdf = Buffer.from('%PDF-1.4\n%%EOF\n');
const efsp = new EfmClient({ endpoint: '', credentials: { username: 'efsp', password: 'demo-efsp' } });
const clerkIdentity = { id: 'clerk1', name: 'Dana Whitaker' };

/** The filer files the example; a clerk claims it and decides its one filing. */
async function fileAndDecide(senderId: string, decision: 'accepted' | 'rejected', payment: string | null = null): Promise<string> {
  const client = new EfmClient({ endpoint: simulator.url, credentials: efsp.options.credentials });
  const filed = await client.reviewFiling(filingMessage(senderId), [{ contentId: 'Payload1', contentType: 'application/pdf', body: filedPdf }], payment);
  if (!filed.ok) throw new Error(filed.error.message);
  const envelopeId = filed.value.courtIds.envelopeId ?? '';
  const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
  const lease = await clerk.claim(envelopeId);
  if (!lease.ok) throw new Error(lease.error.message);
  const filingId = filed.value.courtIds.filingIds[0] ?? '';
  const decided = await submitReview(clerk, clerkIdentity, {
    envelopeId, fencingToken: lease.value.fencingToken, idempotencyKey: `key-${senderId}-0001`, decidedAt: new Date().toISOString(), caseAssignment: null, stamped: [],
    decisions: [decision === 'accepted'
      ? { outcome: 'accepted', filingId, correctedFilingCode: null, note: null }
      : { outcome: 'rejected', filingId, reasonCode: 'MISSING-SIGNATURE', note: 'The answer is not signed by the attorney of record.' }],
  });
  if (!decided.ok) throw new Error(decided.error.message);
  return envelopeId;
}

describe('NotifyFilingReviewComplete reaches the filer in ECF\'s order', () => {
  it('a rejection is told at once; an acceptance only after the court record system docketed it', async () => {
    const rejected = await fileAndDecide('REJECT-ME-1', 'rejected');
    await simulator.filerCallbacks.whenIdle();
    expect(received).toHaveLength(1);
    expect(received[0]?.docketingCallbacksThen).toBe(0);

    const accepted = await fileAndDecide('ACCEPT-ME-1', 'accepted');
    await simulator.whenDocketingIdle();
    await simulator.filerCallbacks.whenIdle();
    expect(received).toHaveLength(2);
    // Not before NotifyDocketingComplete: when the filer heard, the CMS had already called back.
    expect(received[1]?.docketingCallbacksThen).toBeGreaterThanOrEqual(1);
    expect(await simulator.filerCallbacks.waitingFor(accepted)).toEqual([]);

    for (const callback of received) {
      expect(callback.soapAction).toBe(`"${notifyFilingReviewCompleteAction}"`);
      const message = readSoapEnvelope(callback.body);
      if (!message.ok) throw new Error(message.error.message);
      const inner = firstChildElement(message.value.body);
      expect(validateEcf(`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(inner as Element)}`)).toMatchObject({ valid: true });
    }
    expect(received[0]?.body).toContain(`${rejected}-F1`);
    expect(received[1]?.body).toContain(`${accepted}-F1`);
    const history = await new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } }).getEnvelopeHistory(accepted);
    const actions = history.ok ? history.value.map((event) => event.action) : [];
    expect(actions.indexOf('filer-notified')).toBeGreaterThan(actions.indexOf('docketed'));
  });
});

/** The request a callback carried (wrappers:NotifyFilingReviewCompleteRequest). */
function requestOf(callback: Received | undefined): Element {
  const message = readSoapEnvelope(callback?.body ?? '');
  if (!message.ok) throw new Error(message.error.message);
  return message.value.body;
}

describe('the notice the service writes after docketing (ECF 5.0 §6.1.10)', () => {
  it("names the court's and the filer's ids, the docket entry, each document's SHA-256 and the payment receipt", async () => {
    const before = received.length;
    const envelopeId = await fileAndDecide('PAID-ME-1', 'accepted', paymentMessage);
    await simulator.whenDocketingIdle();
    await simulator.filerCallbacks.whenIdle();
    expect(received.length).toBe(before + 1);
    const request = requestOf(received.at(-1));
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(request)}`;
    // Valid for both the OASIS schemas and Tyler's production ECF 5 schemas (civil is in Tyler's set).
    expect(validateEcfBatch([xml], 'oasis')[0]).toMatchObject({ valid: true });
    expect(validateEcfBatch([xml], 'tyler')[0]).toMatchObject({ valid: true });
    const [notice] = children(request, ns.reviewfilingcallback, 'NotifyFilingReviewCompleteMessage');
    if (!notice) throw new Error('no NotifyFilingReviewCompleteMessage');
    const ids = (element: Element): string[] => children(element, ns.nc, 'DocumentIdentification')
      .map((id) => [textAt(id, [ns.nc, 'IdentificationID']), textAt(id, [ns.nc, 'IdentificationCategoryDescriptionText']), textAt(id, [ns.nc, 'IdentificationSourceText'])].join('/'));
    expect(ids(notice)).toEqual(expect.arrayContaining([`${envelopeId}/envelopeID/FilingReview`, 'PAID-ME-1/messageID/FilingAssembly']));
    const [lead] = descendants(notice, ns.ecf, 'LeadDocumentReview').flatMap((review) => children(review, ns.ecf, 'ReviewedDocument'));
    if (!lead) throw new Error('no reviewed lead document');
    expect(ids(lead)[0]).toBe(`${envelopeId}-F1/filingID/FilingReview`);
    expect(textAt(lead, [ns.ecf, 'ReviewedDocumentAugmentation'], [ns.nc, 'CaseDocketID'])).toMatch(/^DKT-/);
    expect(textAt(lead, [ns.ecf, 'DocumentAugmentation'], [ns.ecf, 'DocumentRendition'], [ns.ecf, 'DocumentRenditionHash'])).toBe(createHash('sha256').update(filedPdf).digest('hex'));
    // The receipt: what was charged, with the card masked (never its number, security code or chip data).
    const receipt = new XMLSerializer().serializeToString(children(request, ns.payment, 'PaymentMessage')[0] as Element);
    expect(receipt).toContain('106.00');
    expect(receipt).toContain('5555</cbc:PrimaryAccountNumberID>');
    expect(receipt).not.toContain('5555-555-5555');
    expect(receipt).not.toContain('CV2ID');
    expect(receipt).not.toContain('CardChipCode');
  });

  it('a rejected envelope gets no payment receipt', async () => {
    const before = received.length;
    await fileAndDecide('PAID-BUT-REJECTED-1', 'rejected', paymentMessage);
    await simulator.filerCallbacks.whenIdle();
    expect(received.length).toBe(before + 1);
    expect(children(requestOf(received.at(-1)), ns.payment, 'PaymentMessage')).toHaveLength(0);
  });
});

describe('a cancellation is told to the filer at once', () => {
  it('CancelFiling before review: NotifyFilingReviewComplete with status cancelled and the filing id', async () => {
    const client = new EfmClient({ endpoint: simulator.url, credentials: efsp.options.credentials });
    const filed = await client.reviewFiling(filingMessage('CANCEL-ME-1'), [{ contentId: 'Payload1', contentType: 'application/pdf', body: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    if (!filed.ok) throw new Error(filed.error.message);
    const envelopeId = filed.value.courtIds.envelopeId ?? '';
    const before = received.length;
    expect(await cancelFiling(simulator.url, efsp.options.credentials, envelopeId)).toContain('<cbrn:ErrorCodeText>0</cbrn:ErrorCodeText>');
    await simulator.filerCallbacks.whenIdle();
    expect(received.length).toBe(before + 1);
    const notice = received.at(-1)?.body ?? '';
    expect(notice).toContain('<ecf:FilingReviewStatusCode>cancelled</ecf:FilingReviewStatusCode>');
    expect(notice).toContain(`${envelopeId}-F1`);
    const message = readSoapEnvelope(notice);
    if (!message.ok) throw new Error(message.error.message);
    expect(validateEcf(`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(firstChildElement(message.value.body) as Element)}`)).toMatchObject({ valid: true });
  });
});

describe('FilerCallbacks on its own', () => {
  const xml = '<reviewfilingcallback:NotifyFilingReviewCompleteMessage xmlns:reviewfilingcallback="https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0/reviewfilingcallback"/>';

  it('waits for every accepted filing to be docketed, and sends once', async () => {
    const outcomes: string[] = [];
    const callbacks = new FilerCallbacks({ endpoints: { efsp: `http://127.0.0.1:${filer.port}/FilingAssemblyMDE` }, onOutcome: (_e, delivered) => void outcomes.push(String(delivered)) }, () => database);
    const before = received.length;
    await callbacks.reviewComplete(database, 'E-1', 'efsp', xml, ['E-1-F1', 'E-1-F2']);
    callbacks.sendOwed('E-1');
    await callbacks.docketed('E-1', 'E-1-F1');
    await callbacks.whenIdle();
    expect(received.length).toBe(before);
    expect(await callbacks.waitingFor('E-1')).toEqual(['E-1-F2']);
    await Promise.all([callbacks.docketed('E-1', 'E-1-F2'), callbacks.docketed('E-1', 'E-1-F2')]);
    await callbacks.whenIdle();
    expect(received.length).toBe(before + 1);
    expect(outcomes).toEqual(['true']);
    // A filer with no registered endpoint gets no callback (and no error).
    await callbacks.reviewComplete(database, 'E-2', 'someone', xml, []);
    callbacks.sendOwed();
    await callbacks.whenIdle();
    expect(received.length).toBe(before + 1);
  });

  it('retries an unreachable filer, then records that it was not reached', async () => {
    const details: string[] = [];
    const dead = await listenOnLoopback(() => undefined);
    const port = dead.port;
    await dead.close();
    const callbacks = new FilerCallbacks({ endpoints: { efsp: `http://127.0.0.1:${port}/FilingAssemblyMDE` }, retryDelaysMs: [1, 1], onOutcome: (_e, _d, detail) => void details.push(detail) }, () => database);
    await callbacks.reviewComplete(database, 'E-3', 'efsp', xml, []);
    callbacks.sendOwed('E-3');
    await callbacks.whenIdle();
    expect(callbacks.sent).toMatchObject([{ envelopeId: 'E-3', delivered: false, attempts: 3 }]);
    expect(details[0]).toMatch(/^filer not reached at http:\/\/127\.0\.0\.1:\d+\/FilingAssemblyMDE: /);
  });

  it('ECF 4.0: one request per filing with the ECF 4 SOAPAction; a retry goes on from the one not taken', async () => {
    const message = (n: number): string => `<wsmp:NotifyFilingReviewCompleteRequestMessage xmlns:wsmp="${ns4.wsmp}"><wsmp:n>${n}</wsmp:n></wsmp:NotifyFilingReviewCompleteRequestMessage>`;
    const taken: string[] = [];
    let refuseSecond = true;
    const receipt = serializeXml(messageReceiptMessage4({ envelopes: [], courtId: 'efsp', sendingMde: 'efsp', errorCode: '0', errorText: 'No Error' }), messageReceiptPrefixes4);
    const ecf4Filer = await listenOnLoopback((request, response) => void readRequestBody(request).then((body) => {
      const text = body.toString('utf8');
      if (refuseSecond && text.includes('<wsmp:n>2</wsmp:n>')) {
        refuseSecond = false;
        return void response.writeHead(503, { 'Content-Type': 'text/plain' }).end('busy');
      }
      taken.push(`${String(request.headers.soapaction)} ${/<wsmp:n>(\d)<\/wsmp:n>/.exec(text)?.[1] ?? '?'}`);
      response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(soapEnvelope(rawXml(receipt)));
    }));
    const callbacks = new FilerCallbacks({ endpoints: {}, ecf4Endpoints: { efsp: `http://127.0.0.1:${ecf4Filer.port}/FilingAssemblyMDEPort` }, retryDelaysMs: [1] }, () => database);
    // The account has no ECF 5 endpoint: an ECF 5 envelope of it gets no callback.
    expect(callbacks.reaches('efsp')).toBe(false);
    expect(callbacks.reaches('efsp', '4.0')).toBe(true);
    await callbacks.reviewComplete(database, 'E-40', 'efsp', message(1) + message(2) + message(3), [], '4.0');
    callbacks.sendOwed('E-40');
    await callbacks.whenIdle();
    await ecf4Filer.close();
    expect(taken).toEqual([1, 2, 3].map((n) => `"${notifyFilingReviewCompleteAction4}" ${n}`));
    expect(callbacks.sent).toMatchObject([{ envelopeId: 'E-40', delivered: true, attempts: 2 }]);
  });

  it('a callback owed when the service stopped is sent when it starts again', async () => {
    const endpoints = { efsp: `http://127.0.0.1:${filer.port}/FilingAssemblyMDE` };
    const stopped = new FilerCallbacks({ endpoints }, () => database);
    stopped.close();
    await stopped.reviewComplete(database, 'E-4', 'efsp', xml, []);
    stopped.sendOwed('E-4');
    await stopped.whenIdle();
    const before = received.length;
    expect(stopped.sent).toEqual([]);
    const restarted = new FilerCallbacks({ endpoints }, () => database);
    restarted.open();
    await restarted.whenIdle();
    expect(restarted.sent).toMatchObject([{ envelopeId: 'E-4', delivered: true }]);
    expect(received.length).toBe(before + 1);
  });

  it('a notice the filer\'s EFSP did not take opens an exception; a supervisor\'s retry delivers it', async () => {
    filerDown = true;
    const envelopeId = await fileAndDecide('DOWN-0001', 'rejected');
    await simulator.filerCallbacks.whenIdle();
    const supervisor = new EfmClient({ endpoint: simulator.url, credentials: { username: 'supervisor', password: 'demo-supervisor' } });
    const open = await supervisor.getDocketingExceptions(false);
    if (!open.ok) throw new Error(open.error.message);
    const exception = open.value.find((e) => e.envelopeId === envelopeId);
    expect(exception?.reason).toMatch(/^The filer's EFSP was not notified of the review: filer not reached/);
    expect(received.some((r) => r.body.includes(envelopeId))).toBe(false);

    filerDown = false;
    const retried = await supervisor.resolveDocketingException(exception?.exceptionId ?? '', 'retry', 'EFSP back after maintenance');
    expect(retried).toMatchObject({ ok: true, value: { status: 'retried' } });
    await simulator.filerCallbacks.whenIdle();
    expect(received.filter((r) => r.body.includes(envelopeId))).toHaveLength(1);
    const history = await supervisor.getEnvelopeHistory(envelopeId);
    expect(history.ok && history.value.map((e) => e.action)).toEqual(expect.arrayContaining(['filer-not-notified', 'filer-notice-resent', 'filer-notified']));
    // Nothing left open for this envelope, and the retried notice is not sent a second time.
    const after = await supervisor.getDocketingExceptions(false);
    expect(after.ok && after.value.filter((e) => e.envelopeId === envelopeId)).toEqual([]);
  });
});
