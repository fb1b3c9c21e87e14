import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import type * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { EfmClient } from '../../../electron/efm/efm-client';
import { submitReview } from '../../../electron/efm/submit-review';
import { decodeMtom } from '../../../electron/soap/mtom';
import { readSoapEnvelope, soapEnvelope } from '../../../electron/soap/soap-envelope';
import { reviewRecords } from '../../../electron/service/store/review-records';
import { findFilingMessages } from '../../../shared/ecf/filing-message';
import { recordFilingAction4 } from '../../../shared/ecf4/ecf4-operations';
import { messageReceiptMessage4, messageReceiptPrefixes4, readMessageReceipt4 } from '../../../shared/ecf4/message-receipt';
import { ns4 } from '../../../shared/ecf4/namespaces';
import { descendants, textAt } from '../../../shared/xml/xml-query';
import { rawXml, serializeXml } from '../../../shared/xml/xml-writer';
import { validateEcf, validateEcfBatch } from '../../fixtures/ecf-validate';
import { listenOnLoopback, readRequestBody, type LoopbackServer } from '../../fixtures/loopback-server';
import { callWithBody, sharedDir } from '../../fixtures/soap-interop';
import { civilTwoFilings, civilTwoFilingsDocuments, ecf4FilingReviewClient, labelledPdf, soapBodyOf, validateTylerEcf4 } from '../../fixtures/ecf4-filer';
import { parsedRoot } from '../../fixtures/parsed-root';

/**
 * A court whose record system speaks ECF 4.0 (#17, deliverable 4): the service sends each accepted filing of an
 * ECF 4 envelope as its own RecordFiling (RecordFilingRequestMessage: the reviewed RecordDocketingMessage and the
 * filer's CoreFilingMessage narrowed to that filing, documents as MTOM parts), and the record system answers with
 * NotifyDocketingComplete 4.0 — sent here by node-soap built from Tyler's Illinois ECF 4 FilingReviewMDEService WSDL.
 */
const fixture = civilTwoFilings;
const bodyOf = soapBodyOf;
const documents = civilTwoFilingsDocuments;
const pdf = labelledPdf;

/** One RecordFiling the record system received: its SOAPAction, body and MTOM parts. */
interface Received { readonly soapAction: string; readonly body: string; readonly parts: ReadonlyMap<string, Buffer> }
const received: Received[] = [];
/** The GetCaseList queries the record system received, and what it answers them with (two numbered cases). */
const queries: string[] = [];
const caseList = readFileSync(path.resolve('test', 'fixtures', 'ecf4', 'CaseListResponseMessage-two-cases.xml'), 'utf8');
let cms: LoopbackServer;
let simulator: EfmSimulator;
const filerCallbacks: string[] = [];
let filer: LoopbackServer;
const receipt = (): string => serializeXml(messageReceiptMessage4({ envelopes: [], courtId: 'cms', sendingMde: 'cms', errorCode: '0', errorText: 'No Error' }), messageReceiptPrefixes4);

beforeAll(async () => {
  cms = await listenOnLoopback((request, response) => void readRequestBody(request).then((body) => {
    const contentType = String(request.headers['content-type'] ?? '');
    const mtom = contentType.startsWith('multipart/') ? decodeMtom(contentType, body) : { ok: true as const, value: { rootXml: body.toString('utf8'), parts: new Map<string, { body: Uint8Array }>() } };
    if (!mtom.ok) return void response.writeHead(400).end(mtom.error.message);
    const envelope = readSoapEnvelope(mtom.value.rootXml);
    const message = envelope.ok ? new XMLSerializer().serializeToString(envelope.value.body) : '';
    const soapAction = String(request.headers.soapaction ?? '');
    if (soapAction.includes('GetCaseListRequest')) {
      queries.push(message);
      return void response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(soapEnvelope(rawXml(soapBodyOf(caseList))));
    }
    received.push({ soapAction, body: message, parts: new Map([...mtom.value.parts].map(([id, part]) => [id, Buffer.from(part.body)])) });
    response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(soapEnvelope(rawXml(receipt())));
  }));
  filer = await listenOnLoopback((request, response) => void readRequestBody(request).then((body) => {
    filerCallbacks.push(body.toString('utf8'));
    response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(soapEnvelope(rawXml(receipt())));
  }));
  simulator = await new EfmSimulator({
    validateEcf: async (xml) => validateEcf(xml), validateEcf4: validateTylerEcf4,
    recordSystem: { url: `http://127.0.0.1:${cms.port}/CourtRecordMDEPort`, credentials: null, ecfVersion: '4.0' },
    filerCallbacks: { endpoints: {}, ecf4Endpoints: { efsp: `http://127.0.0.1:${filer.port}/FilingAssemblyMDEPort` }, retryDelaysMs: [5] },
    docketingRetryDelaysMs: [5],
  }).start();
  await simulator.accounts.add({ username: 'cms1', displayName: 'County CMS', role: 'record-system', password: 'service-side-secret' });
}, 120_000);
afterAll(async () => {
  await simulator.close();
  await Promise.all([cms.close(), filer.close()]);
});

/** A node-soap client of the service's ECF 4 FilingReviewMDEPort, from Tyler's WSDL, as `username`. */
const ecf4Client = (username: string, password: string): Promise<soap.Client> => ecf4FilingReviewClient(simulator.url, username, password);

/** The record system's RecordDocketingCallbackMessage for one filing, as an ECF 4 CMS writes it. */
function docketingCallback(filingId: string, status: string, reason: string, docketId: string | null): string {
  return `<docketcb:RecordDocketingCallbackMessage xmlns:docketcb="${ns4.docketcb}" xmlns:nc="${ns4.nc}" xmlns:ecf="${ns4.ecf}" xmlns:j="${ns4.j}">
  <nc:DocumentIdentification><nc:IdentificationID>${filingId}</nc:IdentificationID><nc:IdentificationCategoryText>FILINGID</nc:IdentificationCategoryText></nc:DocumentIdentification>
  <ecf:SendingMDELocationID><nc:IdentificationID>https://cms.example/CourtRecordMDEPort</nc:IdentificationID></ecf:SendingMDELocationID>
  <ecf:SendingMDEProfileCode>urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:WebServicesMessaging-2.0</ecf:SendingMDEProfileCode>
  <nc:Case><nc:CaseDocketID>2026-CV-001187</nc:CaseDocketID></nc:Case>
  <ecf:FilingStatus><nc:StatusDescriptionText>${reason}</nc:StatusDescriptionText><ecf:FilingStatusCode>${status}</ecf:FilingStatusCode></ecf:FilingStatus>
  <ecf:ReviewedLeadDocument>
    <nc:DocumentIdentification><nc:IdentificationID>${filingId}</nc:IdentificationID></nc:DocumentIdentification>
    <ecf:DocumentMetadata><j:RegisterActionDescriptionText>MSJ</j:RegisterActionDescriptionText><ecf:FilingAttorneyID/><ecf:FilingPartyID/></ecf:DocumentMetadata>
    <ecf:DocumentRendition><ecf:DocumentRenditionMetadata><ecf:DocumentAttachment/></ecf:DocumentRenditionMetadata></ecf:DocumentRendition>
    ${docketId ? `<ecf:DocumentDocketID><nc:IdentificationID>${docketId}</nc:IdentificationID></ecf:DocumentDocketID>` : ''}
  </ecf:ReviewedLeadDocument>
</docketcb:RecordDocketingCallbackMessage>`;
}

/** Sends the record system's callback through node-soap; the receipt it got. */
async function notifyDocketingComplete(xml: string) {
  const raw = await callWithBody(await ecf4Client('cms1', 'service-side-secret'), 'NotifyDocketingComplete', xml);
  const root = parsedRoot(raw);
  const read = readMessageReceipt4(root);
  if (!read) throw new Error(`no receipt in ${raw.slice(0, 300)}`);
  return read;
}

async function until(condition: () => boolean): Promise<void> {
  for (let round = 0; round < 500 && !condition(); round++) {
    await simulator.whenDocketingIdle();
    await simulator.filerCallbacks.whenIdle();
    if (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('docketing to an ECF 4.0 court record system', () => {
  let envelopeId = '';
  let filingIds: string[] = [];

  it('each accepted filing goes as its own RecordFiling, valid for Tyler\'s ECF 4 schemas, with its documents', async () => {
    const raw = await callWithBody(await ecf4Client('efsp', 'demo-efsp'), 'ReviewFiling', bodyOf(fixture), documents);
    const root = parsedRoot(raw);
    envelopeId = readMessageReceipt4(root)?.envelopeIds[0] ?? '';
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const detail = await clerk.getEnvelope(envelopeId);
    if (!detail.ok) throw new Error(detail.error.message);
    filingIds = detail.value.envelope.filings.map((filing) => filing.id);
    const lease = await clerk.claim(envelopeId);
    if (!lease.ok) throw new Error(lease.error.message);
    const decided = await submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
      envelopeId, fencingToken: lease.value.fencingToken, idempotencyKey: `${envelopeId}-cms4`, decidedAt: new Date().toISOString(),
      caseAssignment: null, stamped: [],
      decisions: filingIds.map((filingId) => ({ outcome: 'accepted' as const, filingId, correctedFilingCode: null, note: 'Reviewed.' })),
    });
    expect(decided).toMatchObject({ ok: true, value: { envelopeComplete: true } });
    await until(() => received.length >= 2);

    expect(received.map((r) => r.soapAction.replace(/"/g, ''))).toEqual([recordFilingAction4, recordFilingAction4]);
    // Sent side by side: in the order the record system got them, which may be either.
    received.sort((a, b) => Number(!a.parts.has('motion.pdf')) - Number(!b.parts.has('motion.pdf')));
    const validations = validateEcfBatch(received.map((r) => r.body), 'tyler4');
    expect(validations.map((v) => v.valid), validations.map((v) => v.output).join('\n')).toEqual([true, true]);
    const read = received.map((request) => {
      const message = parsedRoot(request.body);
      const docketing = descendants(message, ns4.docket, 'RecordDocketingMessage')[0] ?? null;
      const core = descendants(message, ns4.core, 'CoreFilingMessage')[0] ?? null;
      return {
        filingId: textAt(docketing, [ns4.nc, 'DocumentIdentification'], [ns4.nc, 'IdentificationID']),
        connected: descendants(docketing ?? message, ns4.ecf, 'ReviewedConnectedDocument').length,
        coreLeads: core ? descendants(core, ns4.core, 'FilingLeadDocument').length : -1,
        comments: textAt(docketing, [ns4.docket, 'FilingReviewCommentsText']),
        parts: [...request.parts.keys()].sort(),
        hashes: descendants(docketing ?? message, ns4.ecf, 'DocumentHashText').length,
      };
    });
    expect(read[0]).toEqual({ filingId: filingIds[0], connected: 2, coreLeads: 1, comments: 'Reviewed.', parts: ['exhibit-a.pdf', 'motion.pdf', 'proposed-order.pdf'], hashes: 3 });
    expect(read[1]).toEqual({ filingId: filingIds[1], connected: 0, coreLeads: 1, comments: 'Reviewed.', parts: ['appearance.pdf'], hashes: 1 });
    // The documents travel as filed, byte for byte.
    expect(received[0]?.parts.get('motion.pdf')?.equals(documents[0]?.body ?? Buffer.alloc(0))).toBe(true);
  }, 120_000);

  it('NotifyDocketingComplete 4.0: docketed and refused filings are recorded; the filer then hears in ECF 4', async () => {
    const [motion = '', appearance = ''] = filingIds;
    const callbacks = [docketingCallback(motion, 'accepted', 'Docketed', 'DKT-2026-77'), docketingCallback(appearance, 'rejected', 'The case is closed', null)];
    const checked = validateEcfBatch(callbacks, 'tyler4');
    expect(checked.map((v) => v.valid), checked.map((v) => v.output).join('\n')).toEqual([true, true]);
    for (const callback of callbacks) expect((await notifyDocketingComplete(callback)).errors).toEqual([{ code: '0', text: 'No Error' }]);
    expect(await reviewRecords.docketing(simulator.database, envelopeId, motion)).toBe('successful');
    expect(await reviewRecords.docketing(simulator.database, envelopeId, appearance)).toBe('unsuccessful');
    expect((await reviewRecords.docketIds(simulator.database, envelopeId)).get(motion)).toBe('DKT-2026-77');
    const history = await new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } }).getEnvelopeHistory(envelopeId);
    expect(history.ok && history.value.map((event) => event.detail)).toContain(`${motion} docketed as DKT-2026-77 in case 2026-CV-001187`);
    const supervisor = new EfmClient({ endpoint: simulator.url, credentials: { username: 'supervisor', password: 'demo-supervisor' } });
    const exceptions = await supervisor.getDocketingExceptions(false);
    expect(exceptions.ok && exceptions.value.filter((e) => e.envelopeId === envelopeId).map((e) => [e.filingId, e.reason])).toEqual([[appearance, 'The case is closed']]);
    // The same callback again records nothing new and is answered the same.
    expect((await notifyDocketingComplete(callbacks[0] ?? '')).errors[0]?.code).toBe('0');

    // The filer hears once nothing is left undocketed: a supervisor settles the refused filing by hand.
    await simulator.filerCallbacks.whenIdle();
    expect(filerCallbacks).toHaveLength(0);
    const exception = exceptions.ok ? exceptions.value.find((e) => e.envelopeId === envelopeId) : undefined;
    const settled = await supervisor.resolveDocketingException(exception?.exceptionId ?? '', 'resolve', 'Docketed by hand into the reopened case');
    expect(settled.ok).toBe(true);
    await until(() => filerCallbacks.length >= 2);
    expect(filerCallbacks).toHaveLength(2);
    expect(filerCallbacks[0]).toContain('DKT-2026-77');
  }, 120_000);

  it('a callback about a filing the court never sent, or with a status that decides nothing, is refused in the receipt', async () => {
    const unknown = await notifyDocketingComplete(docketingCallback('ENV-1999-X-F9', 'accepted', 'Docketed', 'DKT-1'));
    expect(unknown.errors[0]?.code).not.toBe('0');
    expect(unknown.errors[0]?.text).toContain('no filing ENV-1999-X-F9');
    const undecided = await notifyDocketingComplete(docketingCallback(filingIds[0] ?? '', 'under-review', 'Looking at it', null));
    expect(undecided.errors[0]?.code).not.toBe('0');
    expect(undecided.errors[0]?.text).toContain('does not say whether');
    // Tyler's `receipted` says the record system has it, not that it docketed it.
    expect((await notifyDocketingComplete(docketingCallback(filingIds[0] ?? '', 'receipted', 'Received', null))).errors[0]?.text).toContain('does not say whether');
    // Only the record system's account may send it.
    const asFiler = await callWithBody(await ecf4Client('efsp', 'demo-efsp'), 'NotifyDocketingComplete', docketingCallback(filingIds[0] ?? '', 'accepted', 'x', null)).catch((error: unknown) => String((error as { body?: string }).body ?? error));
    expect(asFiler).toMatch(/Only the court record system sends/);
  }, 60_000);

  it('an envelope filed in ECF 5 is not made up into ECF 4: it waits for a supervisor, with the reason', async () => {
    const example = readFileSync(path.join(sharedDir, 'ecf5', 'examples', 'civil-complaint-021-ReviewFilingRequest-Answer-04.xml'), 'utf8');
    const message = new XMLSerializer().serializeToString(findFilingMessages(new DOMParser().parseFromString(example, 'text/xml').documentElement as unknown as Element)[0] as Element);
    const filed = await new EfmClient({ endpoint: simulator.url, credentials: { username: 'efsp', password: 'demo-efsp' } })
      .reviewFiling(message, [{ contentId: 'Payload1', contentType: 'application/pdf', body: pdf('answer') }]);
    if (!filed.ok) throw new Error(filed.error.message);
    const ecf5Envelope = filed.value.courtIds.envelopeId ?? '';
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const lease = await clerk.claim(ecf5Envelope);
    if (!lease.ok) throw new Error(lease.error.message);
    const before = received.length;
    await submitReview(clerk, { id: 'clerk1', name: 'Dana Whitaker' }, {
      envelopeId: ecf5Envelope, fencingToken: lease.value.fencingToken, idempotencyKey: `${ecf5Envelope}-cms4`, decidedAt: new Date().toISOString(),
      caseAssignment: null, stamped: [],
      decisions: [{ outcome: 'accepted', filingId: filed.value.courtIds.filingIds[0] ?? '', correctedFilingCode: null, note: null }],
    });
    await simulator.whenDocketingIdle();
    expect(received.length).toBe(before);
    const supervisor = new EfmClient({ endpoint: simulator.url, credentials: { username: 'supervisor', password: 'demo-supervisor' } });
    const exceptions = await supervisor.getDocketingExceptions(false);
    const reason = exceptions.ok ? exceptions.value.find((e) => e.envelopeId === ecf5Envelope)?.reason : undefined;
    expect(reason).toMatch(/record system takes ECF 4\.0 and this envelope was filed in ECF 5\.0; docket it in the record system by hand/);
  }, 60_000);

  it('the duplicate-case check and GetCase ask the ECF 4 record system with GetCaseList, and read its answer', async () => {
    const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
    const found = await clerk.findCases(['Thomas Delaney'], null);
    expect(found.ok && found.value.map((kase) => kase.caseNumber)).toEqual(['2026-CV-001187', '2025-SC-000412']);
    const one = await clerk.getCase('2025-SC-000412');
    expect(one.ok && one.value?.title).toBe('Delaney v. Marsh');
    const none = await clerk.getCase('1999-XX-000001');
    expect(none).toMatchObject({ ok: true, value: null });
    expect(queries).toHaveLength(3);
    const validations = validateEcfBatch(queries, 'tyler4');
    expect(validations.map((v) => v.valid), validations.map((v) => v.output).join('\n')).toEqual([true, true, true]);
    expect(queries[0]).toMatch(/<nc:PersonFullName( [^>]*)?>Thomas Delaney<\/nc:PersonFullName>/);
    expect(queries[1]).toMatch(/<caselistquery:CaseListQueryCase><nc:CaseDocketID( [^>]*)?>2025-SC-000412<\/nc:CaseDocketID>/);
  }, 60_000);
});
