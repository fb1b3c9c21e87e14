import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import type { DocketingResult } from '../../shared/domain/ecf-status';
import { caseSummaryOf } from '../../shared/domain/case-summary';
import type { Envelope } from '../../shared/domain/envelope';
import { readFilingMessage } from '../../shared/ecf/filing-message';
import { requestMessageIdOf, type ReviewHeader } from '../../shared/ecf/review-parts';
import { messageStatusElement, successStatusElement } from '../../shared/ecf/message-status';
import { ns } from '../../shared/ecf/namespaces';
import { readNotifyDocketingComplete } from '../../shared/ecf/notify-docketing-complete';
import { endpointPaths, operationTable } from '../../shared/ecf/operation-table';
import { readRecordDocketingFacts, readReviewedRenditions } from '../../shared/ecf/record-docketing';
import { documentResponseMessage, readDocumentRequest } from '../../shared/ecf/document-messages';
import { caseListResponseMessage, caseResponseMessage, readCaseListRequest, readCaseRequest } from '../../shared/ecf/case-messages';
import { standardOperationOf, unwrapMessage, wrapStandardResponse, type StandardOperation } from '../../shared/ecf/standard-operations';
import { writeNotifyDocketingComplete, type DocketedFiling } from '../../shared/ecf/write-notify-docketing-complete';
import { readDocumentStampInformation, writeNotifyDocumentStampInformation, type StampInformationRequest } from '../../shared/ecf/stamp-information-messages';
import { parseXml } from '../../shared/xml/safe-xml';
import { child, children, path, textAt } from '../../shared/xml/xml-query';
import { el, rawXml, serializeXml, type RawXml } from '../../shared/xml/xml-writer';
import { ecf4OperationOf } from '../../shared/ecf4/ecf4-operations';
import { messageReceiptMessage4, messageReceiptPrefixes4 } from '../../shared/ecf4/message-receipt';
import { writePrefixes4 } from '../../shared/ecf4/namespaces';
import { recordDocketingCallbackMessage4 } from '../../shared/ecf4/record-docketing-callback';
import { caseListResponseMessage4, readCaseListQuery4 } from '../../shared/ecf4/case-query';
import { readRecordFiling4 } from './record-filing-4';
import { CaseBook } from './case-book';
import { decodeMtom, encodeMtom, type MimePart } from '../soap/mtom';
import { readSoapEnvelope, soapEnvelope, soapFaultEnvelope } from '../soap/soap-envelope';
import { readSoapFraming } from '../soap/soap-framing';
import { sendStandardMessage } from '../soap/send-standard-message';
import { readWsSecurity, type UsernameCredentials } from '../soap/ws-security';

/** How the demo court record system behaves. */
export interface DemoCmsOptions {
  /** Time between taking a RecordDocketing and sending its NotifyDocketingComplete. */
  readonly delayMs: number;
  /** Share of filings the CMS refuses (0–1); the service puts refusals in its exception queue. */
  readonly failureRate: number;
  /** One callback per filing (success or failure each), or a single callback per RecordDocketing. */
  readonly model: 'per-filing' | 'single';
  readonly random: () => number;
  /** Checks each RecordDocketing against the ECF schemas before taking it (error 1 when invalid). */
  readonly validateEcf?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** Checks each ECF 4.0 request (RecordFiling, GetCaseList) against the ECF 4 schemas (error 1 when invalid). */
  readonly validateEcf4?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** The account the Filing Review service must present; absent: any caller (loopback demo only). */
  readonly acceptFrom?: UsernameCredentials;
  /** Waits before each resend of a callback the service did not take. */
  readonly retryDelaysMs?: readonly number[];
  /**
   * How it opens a new case asked for with DocumentStampInformation (CMS case assignment): the court location and
   * judge for a case category, or null to refuse with a reason. Default: location and judge left to the court.
   */
  readonly openCase?: (category: string | null) => { courtLocation: string | null; judge: { code: string; name: string } | null } | { refusal: string };
  /** The court the cases are opened in (the callbacks' j:CaseCourt). */
  readonly court?: { readonly id: string; readonly name: string };
}

/** A case the CMS opened for a DocumentStampInformation, as it answered. */
export interface OpenedCase {
  readonly requestMessageId: string;
  readonly caseNumber: string | null;
  readonly xml: string;
  readonly schemaValid: boolean | null;
  readonly delivered: boolean;
}

/** Where the callbacks go: the Filing Review service's base URL and the CMS's account there. */
export interface CmsCallbackTarget {
  readonly serviceUrl: string;
  readonly credentials: UsernameCredentials | null;
  /** PEM CA for the service's TLS certificate (a self-signed or court-CA service). */
  readonly ca?: string;
}

/** A callback the CMS sent, as sent and as read back. */
export interface DocketingCallback {
  readonly envelopeId: string;
  readonly requestMessageId: string;
  readonly xml: string;
  readonly result: DocketingResult;
  readonly schemaValid: boolean | null;
  readonly delivered: boolean;
}

/** A RecordDocketing the CMS took, as far as it needs it to docket and answer. */
interface TakenDocketing {
  readonly messageId: string;
  readonly envelope: Envelope;
  readonly reviewer: { readonly id: string; readonly name: string };
  readonly acceptedAt: string;
  readonly filings: readonly { readonly filingId: string; readonly sha256: string | null; readonly bytes?: Uint8Array; readonly title: string | null }[];
  /** The case the filings go into (the corrected case of a new one, else the filed case). */
  readonly caseNumber: string | null;
  /** Taken as an ECF 4.0 RecordFiling: answered with NotifyDocketingComplete 4.0, echoing its reviewed lead document. */
  readonly ecf4?: { readonly reviewedLead: Element };
}

/** A lead document the CMS docketed, as GetDocument serves it by its file control id (the docket entry id). */
interface DocketedDocument {
  readonly caseNumber: string | null;
  readonly title: string | null;
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

/** The CourtRecordMDE operations it serves. */
const servedOperations = ['RecordDocketing', 'DocumentStampInformation', 'GetCase', 'GetCaseList', 'GetDocument'] as const;
type ServedOperation = (typeof servedOperations)[number];
const serves = (operation: StandardOperation | null): operation is ServedOperation =>
  (servedOperations as readonly (string | null)[]).includes(operation);

const refusals = ['The case is sealed in the case management system', 'Duplicate docket entry: the document is already on the docket', 'The party named is not on the case'];

/**
 * A court record system for the demo and the tests, reached only over SOAP: it serves the standard CourtRecordMDE
 * RecordDocketing (seed 000 process #4) and DocumentStampInformation (opening new cases, numbered in the court's
 * format, answered with NotifyDocumentStampInformation), answers each at once with `cbrn:MessageStatus`, dockets each accepted filing
 * or refuses it at the configured rate, and calls the Filing Review service back with NotifyDocketingComplete (per
 * filing or one per message, carrying the RecordDocketing's message id as the OASIS docketcallback example does),
 * resending until the service takes it. A RecordDocketing sent again with the same message id is answered again
 * and docketed once. Its state is in memory: it stands in for the court's own CMS.
 */
export class DemoCms {
  readonly callbacks: DocketingCallback[] = [];
  /** Every request body it took, as it arrived (the request wrapper's XML), in order: what the court's CMS would log. */
  readonly received: { readonly operation: ServedOperation | 'RecordFiling4' | 'GetCaseList4'; readonly xml: string; readonly parts: number }[] = [];
  /** Every NotifyDocketingComplete 4.0 it sent (for ECF 4 RecordFiling), as sent. */
  readonly callbacks4: { readonly filingId: string; readonly xml: string; readonly schemaValid: boolean | null; readonly delivered: boolean }[] = [];
  /** The cases on its record: those it was told it holds, those it opened, and those it docketed into. */
  readonly cases = new CaseBook();
  /** The cases it opened (or refused to) for DocumentStampInformation, in order. */
  readonly openedCases: OpenedCase[] = [];
  readonly #opened = new Map<string, string | null>();
  readonly #documents = new Map<string, DocketedDocument>();
  readonly #status = new Map<string, 'successful' | 'unsuccessful'>();
  readonly #taken = new Set<string>();
  readonly #pending = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #target: CmsCallbackTarget | null = null;
  #server: Server | null = null;
  #sequence = 0;
  #closed = false;
  url = '';

  constructor(readonly options: DemoCmsOptions) {}

  /** Names the service the callbacks go to. */
  connect(target: CmsCallbackTarget): void {
    this.#target = target;
  }

  /** Listens on loopback (port 0: any free port); `url` is then the CMS's base URL. */
  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    this.#closed = false;
    const server = createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    server.headersTimeout = 15_000;
    server.requestTimeout = 300_000;
    this.#server = server;
    this.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** The URL of its CourtRecordMDE endpoint (what the service is configured with). */
  /** Its ECF 4.0 CourtRecordMDEPort, for a service configured to dock to it in ECF 4 (`--cms-ecf 4.0`). */
  get courtRecordUrl4(): string {
    return `${this.url}${endpointPaths.CourtRecordMDE4}`;
  }

  get courtRecordUrl(): string {
    return `${this.url}${endpointPaths.CourtRecordMDE}`;
  }

  /** Docketing status of a filing: successful, unsuccessful, or null while the CMS has not answered. */
  statusOf(filingId: string): 'successful' | 'unsuccessful' | null {
    return this.#status.get(filingId) ?? null;
  }

  /** Resolves when every scheduled callback has been sent or given up. */
  async whenIdle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** True while a callback is scheduled or being sent. */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  /** Stops listening and drops callbacks not yet sent. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const server = this.#server;
    this.#server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const answer = (status: number, xml: string): void => void response.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' }).end(xml);
    try {
      const url = new URL(request.url ?? '/', 'http://x');
      const pathname = url.pathname.replace(/\/+$/, '');
      const ecf4 = pathname === endpointPaths.CourtRecordMDE4;
      if (request.method !== 'POST' || (pathname !== endpointPaths.CourtRecordMDE && !ecf4)) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
        return;
      }
      const framing = readSoapFraming(request.headers);
      if (!framing.ok) return answer(415, soapFaultEnvelope('Client', framing.error, null));
      const body = await readAll(request, 200 * 1024 * 1024);
      let rootXml = body.toString('utf8');
      let parts: ReadonlyMap<string, MimePart> = new Map();
      if (framing.value.multipart) {
        const mtom = decodeMtom(request.headers['content-type'] ?? '', body);
        if (!mtom.ok) return answer(400, soapFaultEnvelope('Client', mtom.error.message, null));
        rootXml = mtom.value.rootXml;
        parts = mtom.value.parts;
      }
      const message = readSoapEnvelope(rootXml);
      if (!message.ok) return answer(400, soapFaultEnvelope('Client', message.error.message, null));
      if (!this.#accepts(readWsSecurity(message.value.header))) return answer(500, soapFaultEnvelope('Client', 'Unknown user or wrong password', null, [], '1.1', 'wsse:FailedAuthentication'));
      if (ecf4) return answer(200, soapEnvelope(await this.#ecf4Operation(message.value.body, framing.value.soapAction, parts)));
      const operation = standardOperationOf(message.value.body);
      if (!serves(operation)) return answer(500, soapFaultEnvelope('Client', `This record system does not implement ${message.value.body.nodeName}`, null));
      const expected = operationTable[operation].soapAction;
      if (framing.value.soapAction !== expected) return answer(500, soapFaultEnvelope('Client', `The SOAPAction does not match ${operation} (expected "${expected}")`, null));
      this.received.push({ operation, xml: new XMLSerializer().serializeToString(message.value.body), parts: parts.size });
      const result = await this.#answer(operation, message.value.body, parts);
      if ('parts' in result) {
        const encoded = encodeMtom(soapEnvelope(result.body), result.parts, 'text/xml');
        response.writeHead(200, { 'Content-Type': encoded.contentType, 'Content-Length': encoded.body.length }).end(encoded.body);
        return;
      }
      answer(200, soapEnvelope(result));
    } catch (error) {
      if (error instanceof CmsFault) return answer(500, soapFaultEnvelope('Client', error.message, error.detail));
      if (!response.headersSent) answer(500, soapFaultEnvelope('Server', `The record system failed: ${(error as Error).message}`, null));
    }
  }

  /**
   * The ECF 4.0 CourtRecordMDEPort (a court whose record system speaks ECF 4): RecordFiling, one filing each, taken
   * and answered at once with a MessageReceiptMessage and later by NotifyDocketingComplete 4.0; GetCaseList, from
   * the cases it keeps. Refusals are answered in the message (ecf:Error), as ECF 4 does.
   */
  async #ecf4Operation(body: Element, soapAction: string | null, parts: ReadonlyMap<string, MimePart>): Promise<RawXml> {
    const court = this.options.court ?? { id: 'unknown', name: 'Court' };
    const receipt = (errorCode: string, errorText: string): RawXml => rawXml(serializeXml(messageReceiptMessage4({
      envelopes: [], courtId: court.id, sendingMde: this.courtRecordUrl4, errorCode, errorText,
    }), messageReceiptPrefixes4));
    const operation = ecf4OperationOf(body);
    if (operation !== 'RecordFiling4' && operation !== 'GetCaseList4') return receipt('2', `This record system does not implement ${body.nodeName}`);
    if (soapAction !== operationTable[operation].soapAction) return receipt('2', `The SOAPAction does not match ${operation} (expected "${operationTable[operation].soapAction}")`);
    const xml = new XMLSerializer().serializeToString(body);
    this.received.push({ operation, xml, parts: parts.size });
    if (this.options.validateEcf4) {
      const validation = await this.options.validateEcf4(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
      if (!validation.valid) return receipt('1', `The message is not valid against the ECF 4.0 schemas: ${validation.output.slice(0, 300)}`);
    }
    if (operation === 'GetCaseList4') {
      const wanted = readCaseListQuery4(body);
      const cases = 'caseNumber' in wanted ? [this.cases.get(wanted.caseNumber)].filter((kase) => kase !== null) : this.cases.withParty(wanted.partyName, wanted.category);
      return rawXml(serializeXml(caseListResponseMessage4({ courtId: court.id, sendingMde: this.courtRecordUrl4 }, cases), writePrefixes4));
    }
    const read = readRecordFiling4(body, parts);
    if (typeof read === 'string') return receipt('2', read);
    const messageId = `RF4-${read.filingId}`;
    if (!this.#taken.has(messageId)) {
      if (read.caseNumber) this.cases.add(caseSummaryOf(read.caseNumber, read.envelope));
      this.#taken.add(messageId);
      this.#schedule({
        messageId, envelope: read.envelope, reviewer: { id: 'clerk', name: 'Clerk' }, acceptedAt: new Date().toISOString(), caseNumber: read.caseNumber,
        filings: [{ filingId: read.filingId, sha256: read.lead.sha256, bytes: read.lead.bytes, title: read.lead.title }], ecf4: { reviewedLead: read.reviewedLead },
      });
    }
    return receipt('0', 'No Error');
  }

  #accepts(security: ReturnType<typeof readWsSecurity>): boolean {
    const expected = this.options.acceptFrom;
    if (!expected) return true;
    const same = (a: string, b: string | null): boolean => b !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    return same(expected.username, security.username) && same(expected.password, security.password);
  }

  async #answer(operation: ServedOperation, wrapper: Element, parts: ReadonlyMap<string, MimePart>): Promise<StandardAnswer | AnswerWithParts> {
    switch (operation) {
      case 'RecordDocketing':
        return this.#recordDocketing(wrapper, parts);
      case 'DocumentStampInformation':
        return this.#stampInformation(wrapper);
      case 'GetCase':
      case 'GetCaseList':
        return this.#caseQuery(operation, wrapper);
      case 'GetDocument':
        return this.#document(wrapper);
    }
  }

  /** The header of its answer to a query: its own message id, and the request's returned (seed 001 §6.2). */
  #answerHeader(operation: StandardOperation, request: Element | null): ReviewHeader {
    const court = this.options.court ?? { id: 'unknown', name: 'Court' };
    return {
      messageId: `${operation.toUpperCase()}-${++this.#sequence}`, sendingMde: this.courtRecordUrl,
      courtId: court.id, courtName: court.name, postedAt: new Date().toISOString(), inReplyTo: requestMessageIdOf(request),
    };
  }

  /**
   * GetDocument (seed 001 §6.1.15): a docketed lead document by its file control id — here the docket entry id the
   * NotifyDocketingComplete gave it — answered with its bytes as an MTOM part. An unknown id, or one of another
   * case, is a SOAP fault whose detail is the cbrn:MessageStatus (error 100): the response message must hold a
   * document.
   */
  async #document(wrapper: Element): Promise<AnswerWithParts> {
    const message = unwrapMessage(wrapper);
    const header = this.#answerHeader('GetDocument', message);
    const query = message ? readDocumentRequest(message) : null;
    const found = query ? this.#documents.get(query.fileControlId) : undefined;
    if (!query || !found || (query.caseNumber && found.caseNumber && query.caseNumber !== found.caseNumber)) {
      const text = query ? `No docketed document ${query.fileControlId}${query.caseNumber ? ` in case ${query.caseNumber}` : ''}` : 'The GetDocument request names no document (nc:DocumentFileControlID)';
      throw new CmsFault(text, messageStatusElement({ at: header.postedAt, errorCode: query ? '100' : '2', errorText: text, mode: 'Test' }));
    }
    const contentId = `docketed-${query.fileControlId}@demo-cms`;
    return {
      body: wrapStandardResponse('GetDocument', documentResponseMessage(header, {
        caseNumber: found.caseNumber ?? query.caseNumber ?? '', fileControlId: query.fileControlId, title: found.title, sha256: found.sha256,
        sizeBytes: found.bytes.length, contentType: 'application/pdf', contentId,
      })),
      parts: [{ contentId, contentType: 'application/pdf', body: Buffer.from(found.bytes) }],
    };
  }

  /**
   * GetCase and GetCaseList (seed 001 §6.1.13–6.1.14, CourtRecordMDE): the case by number, or the cases with a
   * party of that name; an unknown number is answered with no case, a request without its criterion with error 2.
   */
  async #caseQuery(operation: 'GetCase' | 'GetCaseList', wrapper: Element): Promise<StandardAnswer> {
    const message = unwrapMessage(wrapper);
    const header = this.#answerHeader(operation, message);
    const refuse = (errorCode: string, errorText: string): StandardAnswer =>
      wrapStandardResponse(operation, messageStatusElement({ at: header.postedAt, errorCode, errorText, mode: 'Test' }));
    if (this.options.validateEcf && message) {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(message)}`;
      const validation = await this.options.validateEcf(xml);
      if (!validation.valid) return refuse('1', `The ${operation} request is not schema-valid: ${validation.output.slice(0, 300)}`);
    }
    if (operation === 'GetCase') {
      const caseNumber = message ? readCaseRequest(message) : null;
      if (!caseNumber) return refuse('2', 'The GetCase request names no case number (j:CaseNumberText)');
      return wrapStandardResponse(operation, caseResponseMessage(header, this.cases.get(caseNumber)));
    }
    const { partyName, category } = message ? readCaseListRequest(message) : { partyName: null, category: null };
    if (!partyName) return refuse('2', 'The GetCaseList request names no party to look for');
    return wrapStandardResponse(operation, caseListResponseMessage(header, this.cases.withParty(partyName, category)));
  }

  /** Takes each RecordDocketingMessage of the request; a refusal names the first one it could not take. */
  async #recordDocketing(wrapper: Element, parts: ReadonlyMap<string, MimePart>): Promise<ReturnType<typeof wrapStandardResponse>> {
    const at = new Date().toISOString();
    const refuse = (errorCode: string, errorText: string): ReturnType<typeof wrapStandardResponse> =>
      wrapStandardResponse('RecordDocketing', messageStatusElement({ at, errorCode, errorText, mode: 'Test' }));
    const messages = children(wrapper, ns.docket, 'RecordDocketingMessage');
    if (messages.length === 0) return refuse('2', 'The request holds no docket:RecordDocketingMessage');
    const taken: TakenDocketing[] = [];
    for (const message of messages) {
      if (this.options.validateEcf) {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(message)}`;
        const validation = await this.options.validateEcf(xml);
        if (!validation.valid) return refuse('1', `The RecordDocketingMessage is not schema-valid: ${validation.output.slice(0, 300)}`);
      }
      const read = readDocketing(message, parts);
      if (typeof read === 'string') return refuse('2', read);
      const unmatched = renditionProblem(message, parts);
      if (unmatched) return refuse('2', unmatched);
      taken.push(read);
    }
    for (const docketing of taken) {
      if (this.#taken.has(docketing.messageId)) continue;
      const { number } = docketing.envelope.case;
      if (number) this.cases.add(caseSummaryOf(number, docketing.envelope));
      this.#taken.add(docketing.messageId);
      this.#schedule(docketing);
    }
    return wrapStandardResponse('RecordDocketing', successStatusElement({ postedAt: at, mode: 'Test' }));
  }

  /**
   * DocumentStampInformation (seed 000, CMS Case Assignment, steps 2–4): answered at once; the case is opened with
   * the next number in the court's format (year, category, six digits) and NotifyDocumentStampInformation follows.
   * Asked again with the same message id, it answers again with the same case.
   */
  async #stampInformation(wrapper: Element): Promise<ReturnType<typeof wrapStandardResponse>> {
    const at = new Date().toISOString();
    const refuse = (errorCode: string, errorText: string): ReturnType<typeof wrapStandardResponse> =>
      wrapStandardResponse('DocumentStampInformation', messageStatusElement({ at, errorCode, errorText, mode: 'Test' }));
    const message = children(wrapper, ns.stampinformation, 'DocumentStampInformationMessage')[0];
    if (!message) return refuse('2', 'The request holds no stampinformation:DocumentStampInformationMessage');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(message)}`;
    if (this.options.validateEcf) {
      const validation = await this.options.validateEcf(xml);
      if (!validation.valid) return refuse('1', `The DocumentStampInformationMessage is not schema-valid: ${validation.output.slice(0, 300)}`);
    }
    const read = readDocumentStampInformation(message);
    if (!read.ok) return refuse('2', read.error.message);
    if (read.value.documentIds.length === 0) return refuse('2', 'The DocumentStampInformationMessage names no document to stamp');
    const request = read.value;
    const work = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void this.#answerStampInformation(request).finally(resolve);
      }, this.options.delayMs);
      this.#timers.add(timer);
    });
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
    return wrapStandardResponse('DocumentStampInformation', successStatusElement({ postedAt: at, mode: 'Test' }));
  }

  async #answerStampInformation(request: StampInformationRequest): Promise<void> {
    const category = request.kase.case.category;
    const decided = this.options.openCase?.(category) ?? { courtLocation: null, judge: null };
    const known = this.#opened.get(request.messageId);
    const caseNumber = 'refusal' in decided ? null : (known ?? `${new Date().getUTCFullYear()}-${(category ?? 'CV').toUpperCase()}-${String(900000 + ++this.#sequence).padStart(6, '0')}`);
    this.#opened.set(request.messageId, caseNumber);
    if (caseNumber) this.cases.add(caseSummaryOf(caseNumber, request.kase));
    const court = this.options.court ?? { id: 'unknown', name: 'Court' };
    const header = { messageId: `NDSI-${++this.#sequence}`, sendingMde: this.courtRecordUrl, courtId: court.id, courtName: court.name, postedAt: new Date().toISOString() };
    const xml = writeNotifyDocumentStampInformation({
      header, requestMessageId: request.messageId, kase: request.kase, documentIds: request.documentIds,
      reviewer: { id: 'record-system', name: 'Court record system' },
      assigned: caseNumber && !('refusal' in decided)
        ? { caseNumber, trackingId: `CMS-${caseNumber}`, title: request.kase.case.title, courtLocation: decided.courtLocation, judge: decided.judge, courtId: court.id, courtName: court.name }
        : null,
      refusal: 'refusal' in decided ? decided.refusal : null,
    });
    const validation = this.options.validateEcf ? await this.options.validateEcf(xml) : null;
    const delivered = await this.#deliver(xml, 'NotifyDocumentStampInformation');
    this.openedCases.push({ requestMessageId: request.messageId, caseNumber, xml, schemaValid: validation ? validation.valid : null, delivered });
  }

  #schedule(docketing: TakenDocketing): void {
    const groups = this.options.model === 'single' ? [docketing.filings] : docketing.filings.map((filing) => [filing]);
    for (const group of groups) {
      const work = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          void this.#callback(docketing, group).finally(resolve);
        }, this.options.delayMs);
        this.#timers.add(timer);
      });
      this.#pending.add(work);
      void work.finally(() => this.#pending.delete(work));
    }
  }

  async #callback(docketing: TakenDocketing, group: TakenDocketing['filings']): Promise<void> {
    const filings: DocketedFiling[] = group.map((filing) => {
      const refused = this.options.random() < this.options.failureRate;
      const sequence = ++this.#sequence;
      if (!refused && filing.bytes && filing.sha256) {
        const document = { caseNumber: docketing.caseNumber ?? docketing.envelope.case.number, title: filing.title, sha256: filing.sha256, bytes: filing.bytes };
        this.#documents.set(`DKT-${String(sequence).padStart(7, '0')}`, document);
      }
      return {
        filingId: filing.filingId,
        docketed: !refused,
        docketId: refused ? null : `DKT-${String(sequence).padStart(7, '0')}`,
        failureReason: refused ? (refusals[sequence % refusals.length] ?? 'refused') : null,
        sha256: filing.sha256,
        acceptedAt: docketing.acceptedAt,
      };
    });
    const { envelope } = docketing;
    if (docketing.ecf4) {
      for (const filing of filings) {
        const xml = recordDocketingCallbackMessage4({
          filingId: filing.filingId, sendingMde: this.courtRecordUrl4, postedAt: new Date().toISOString(), caseNumber: docketing.caseNumber,
          outcome: filing.docketId ? { docketId: filing.docketId } : { refusal: filing.failureReason ?? 'Not docketed' }, reviewedLead: docketing.ecf4.reviewedLead,
        });
        const validation = this.options.validateEcf4 ? await this.options.validateEcf4(xml) : null;
        this.#status.set(filing.filingId, filing.docketId ? 'successful' : 'unsuccessful');
        const delivered = await this.#deliver(xml, 'NotifyDocketingComplete4');
        this.callbacks4.push({ filingId: filing.filingId, xml, schemaValid: validation ? validation.valid : null, delivered });
      }
      return;
    }
    const header = { messageId: `NDC-${++this.#sequence}`, sendingMde: this.courtRecordUrl, courtId: envelope.courtId ?? 'unknown', courtName: envelope.courtName, postedAt: new Date().toISOString() };
    const xml = writeNotifyDocketingComplete({ header, requestMessageId: docketing.messageId, envelope, reviewer: docketing.reviewer, filings });
    const validation = this.options.validateEcf ? await this.options.validateEcf(xml) : null;
    for (const filing of filings) this.#status.set(filing.filingId, filing.docketed ? 'successful' : 'unsuccessful');
    const delivered = await this.#deliver(xml, 'NotifyDocketingComplete');
    const parsed = parseXml(xml);
    const result = parsed.ok ? readNotifyDocketingComplete(parsed.value) : null;
    if (result?.ok) this.callbacks.push({ envelopeId: envelope.id, requestMessageId: docketing.messageId, xml, result: result.value, schemaValid: validation ? validation.valid : null, delivered });
  }

  /** Sends a callback until the service takes it (or refuses it for good); true when taken. */
  async #deliver(xml: string, operation: 'NotifyDocketingComplete' | 'NotifyDocumentStampInformation' | 'NotifyDocketingComplete4'): Promise<boolean> {
    const delays = this.options.retryDelaysMs ?? [200, 1000, 5000, 30_000];
    for (let attempt = 0; attempt <= delays.length && !this.#closed; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      const target = this.#target;
      if (!target) continue;
      const ecf4 = operation === 'NotifyDocketingComplete4';
      const outcome = await sendStandardMessage({
        url: `${target.serviceUrl}${endpointPaths[ecf4 ? 'FilingReviewMDE4' : 'FilingReviewMDE']}`,
        soapAction: operationTable[operation].soapAction,
        // ECF 4.0 sends the callback message itself as the body (document/literal); ECF 5.0 wraps it.
        body: ecf4 ? rawXml(xml) : el(ns.wrapper, `${operation}Request`, rawXml(xml)),
        credentials: target.credentials,
        ...(target.ca ? { ca: target.ca } : {}),
      });
      if (outcome.ok) return true;
      if (!outcome.retryable) return false;
    }
    return false;
  }
}

/** A standard operation's answer (the `wrappers:` response). */
type StandardAnswer = ReturnType<typeof wrapStandardResponse>;

/** An answer with documents: sent as MTOM. */
interface AnswerWithParts {
  readonly body: StandardAnswer;
  readonly parts: readonly MimePart[];
}

/** A refusal the CMS answers as a SOAP fault whose detail is its cbrn:MessageStatus. */
class CmsFault extends Error {
  constructor(message: string, readonly detail: ReturnType<typeof messageStatusElement>) {
    super(message);
  }
}

/** What the CMS needs of one RecordDocketingMessage, or why it cannot docket it. */
function readDocketing(message: Element, parts: ReadonlyMap<string, MimePart>): TakenDocketing | string {
  const facts = readRecordDocketingFacts(message);
  if (!facts.ok) return facts.error.message;
  const messageId = textAt(message, [ns.nc, 'DocumentIdentification'], [ns.nc, 'IdentificationID']);
  if (!messageId) return 'The RecordDocketingMessage has no message identifier (nc:DocumentIdentification)';
  if (!facts.value.filingMessage) return 'The RecordDocketingMessage embeds no filing:FilingMessage';
  const envelope = readFilingMessage(facts.value.filingMessage);
  if (!envelope.ok) return envelope.error.message;
  const reviews = children(message, ns.ecf, 'LeadDocumentReview');
  if (reviews.length === 0) return 'The RecordDocketingMessage names no accepted filing (ecf:LeadDocumentReview)';
  const first = reviews[0];
  const disposition = first ? child(first, ns.ecf, 'DocumentReviewDisposition') : null;
  const person = path(disposition, [ns.ecf, 'DocumentReviewer'], [ns.nc, 'EntityPerson']);
  const reviewer = {
    id: textAt(person, [ns.nc, 'PersonOtherIdentification'], [ns.nc, 'IdentificationID']) ?? 'clerk',
    name: textAt(person, [ns.nc, 'PersonName'], [ns.nc, 'PersonFullName']) ?? 'Clerk',
  };
  const acceptedAt = textAt(disposition, [ns.ecf, 'DocumentReviewStatus'], [ns.nc, 'StatusDate'], [ns.nc, 'DateTime']) ?? new Date().toISOString();
  // Each accepted lead document with the bytes it is docketed with, so GetDocument can serve it later.
  const filings = readReviewedRenditions(message).filter((rendition) => rendition.lead).map((rendition) => {
    const part = rendition.contentId ? parts.get(rendition.contentId) : undefined;
    const title = envelope.value.filings.find((candidate) => candidate.id === rendition.filingId)?.leadDocument.title ?? null;
    return { filingId: rendition.filingId, sha256: rendition.sha256, title, ...(part ? { bytes: new Uint8Array(part.body) } : {}) };
  });
  const unknown = filings.find((filing) => !envelope.value.filings.some((candidate) => candidate.id === filing.filingId));
  if (unknown) return `The RecordDocketingMessage reviews a document the filing message does not hold (${unknown.filingId || 'no reference'})`;
  return { messageId, envelope: envelope.value, reviewer, acceptedAt, filings, caseNumber: facts.value.caseNumber };
}

/**
 * What a record system checks before it dockets a document: every reviewed document comes with a rendition whose
 * bytes are in an MTOM part and hash to the SHA-256 the message gives (seed 001 §6.1.9). Null when all do.
 */
function renditionProblem(message: Element, parts: ReadonlyMap<string, MimePart>): string | null {
  for (const rendition of readReviewedRenditions(message)) {
    const id = rendition.documentId ?? 'a document';
    if (!rendition.sha256 || !rendition.contentId) return `Document ${id} comes without a rendition to docket (its bytes and SHA-256)`;
    const part = parts.get(rendition.contentId);
    if (!part) return `Document ${id} names cid:${rendition.contentId}, which is not in the message`;
    if (createHash('sha256').update(part.body).digest('hex') !== rendition.sha256) return `Document ${id}: its bytes do not match the SHA-256 the message gives`;
  }
  return null;
}

/** The whole body of a request, refused past `limit` bytes. */
function readAll(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`The request passes ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
