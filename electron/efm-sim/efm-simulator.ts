import { AuditAnchorBook } from './audit-anchor-book';
import { anchorResponseElement, readAnchorRequest, readGetAnchorRequest } from '../../shared/ecf/audit-anchor-messages';
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import type { HistoryEvent } from '../../shared/domain/envelope-history';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { queueRequestSchema, type Lease } from '../../shared/domain/review-queue';
import {
  cmsZipResponseElement, documentResponseElement, envelopeResponseElement, faultDetailElement, historyResponseElement, leaseResponseElement, operationOfRequest, queueResponseElement,
  readQueueRequest, readReviewRequestFields, readSubmitRequest, submitResponseElement, type ReviewOperation,
} from '../../shared/ecf/clerk-review-service';
import { writeFilingMessage } from '../../shared/ecf/write-filing-message';
import { writePaymentMessage } from '../../shared/ecf/write-payment-message';
import { filingStatusResponseMessage, matchingFilingElement, readFilingStatusRequest, type FilingStatus } from '../../shared/ecf/filing-status-messages';
import { filingListResponseMessage, readFilingListRequest, type FilingListCriteria } from '../../shared/ecf/filing-list-messages';
import { caseSummaryOf } from '../../shared/domain/case-summary';
import { caseListResponseMessage, caseResponseMessage, readCaseListRequest, readCaseRequest } from '../../shared/ecf/case-messages';
import { readDocumentResponse } from '../../shared/ecf/document-messages';
import { requestMessageIdOf } from '../../shared/ecf/review-parts';
import { el, rawXml, type XmlElement } from '../../shared/xml/xml-writer';
import { ns } from '../../shared/ecf/namespaces';
import { standardOperationOf, unwrapMessage, wrapStandardResponse, type StandardOperation } from '../../shared/ecf/standard-operations';
import type { CourtPolicy } from '../../shared/domain/court-policy';
import { policyResponseMessage } from '../../shared/ecf/policy-messages';
import { checkCaseAssignment } from '../../shared/domain/case-assignment';
import { awaitsRecordSystemNumber, rejectionReasonAllowed } from '../../shared/domain/court-policy';
import { deferredStampSchema, type DeferredStamp } from '../../shared/stamp/deferred-stamp';
import { codeListsPath, PublishedPolicy } from '../service/published-policy';
import { demoCourtPolicy } from './demo-court';
import { clientFault, FaultError, securityFault, serviceFault } from './sim-fault';
import { supervisionResponse } from './sim-supervision';
import { filingMessagesOf, paymentMessageOf, receiveFiling } from './sim-intake';
import { reviewFilingResponseElement } from '../../shared/ecf/review-filing-messages';
import { standardRefusal } from '../../shared/ecf/standard-refusal';
import { cancelFilingResponseElement, readCancelFilingRequest } from '../../shared/ecf/cancel-messages';
import { writeCancellationNotice } from '../../shared/ecf/notify-filing-review-complete';
import { ecfErrorCodes } from '../../shared/ecf/error-codes';
import type { ReviewHeader } from '../../shared/ecf/review-parts';
import type { ReviewFault, WireDeferredStamp } from '../../shared/ecf/clerk-review-service';
import { decodeMtom, encodeMtom, type MimePart } from '../soap/mtom';
import { maxUnauthenticatedBytes, readSoapEnvelope, readSoapHeaderPrefix, soapEnvelope, soapFaultEnvelope, soapVersions, type SoapVersion } from '../soap/soap-envelope';
import { isTimestampCurrent, readWsSecurity, wsTimestampHeader, type SecurityHeader } from '../soap/ws-security';
import { readSoapFraming, type SoapFraming } from '../soap/soap-framing';
import { askStandardMessage, type StandardMessageOutcome } from '../soap/send-standard-message';
import { endpointAt, endpointPaths, servedEndpoints, operationTable, type Operation, type ServedEndpoint } from '../../shared/ecf/operation-table';
import { ecf5FilingMessageOf } from '../../shared/ecf4/core-filing-message';
import { messageReceiptMessage4, type MessageReceipt4 } from '../../shared/ecf4/message-receipt';
import { askCases4 } from '../service/docketing/case-queries-4';
import { ecf4OperationOf, reviewFilingRequestParts4, type Ecf4Operation } from '../../shared/ecf4/ecf4-operations';
import { endpointWsdl, publishedSchemaFile, schemasPath } from '../service/service-wsdl';
import { schemasDir } from '../app/schemas-dir';
import { FilerCallbacks, type FilerCallbackOptions } from '../service/filer-callbacks';
import { defaultLockoutPolicy } from '../service/sign-in-lockout';
import type { Sql, SqlDatabase } from '../service/db/sql-database';
import { openDatabase } from '../service/db/open-database';
import { AccountStore, type Account } from '../service/store/account-store';
import { reviewRecords, type InsertExtra, type StoredEnvelope, type StoredSubmission } from '../service/store/review-records';
import { signerCertificate, signSoapEnvelope, verifySoapEnvelope, type SigningKey } from '../soap/xml-signature';
import { makeDemoEnvelopes, type DemoDocumentSource, type DemoEnvelope } from './demo-envelopes';
import { LeaseBook, type LeaseOutcome } from './lease-book';
import { SimDocuments, type SimDocument } from './sim-documents';
import { CaseBook } from '../cms/case-book';
import { docketingExceptions } from '../service/store/docketing-exceptions';
import { DemoCms, type DemoCmsOptions } from '../cms/demo-cms';
import { CmsDeliveries, type CmsDelivery, type RecordSystemEndpoint } from '../service/docketing/cms-deliveries';
import { envelopeCmsZip, writeToDropFolder } from '../service/docketing/cms-drop-folder';
import { composeRecordDocketing, type ComposeContext } from '../service/docketing/compose-record-docketing';
import { composeReviewComplete, type ReviewCompleteContext } from '../service/docketing/compose-review-complete';
import { composeRecordFiling4 } from '../service/docketing/compose-record-filing-4';
import { receiveDocketingCallback4 } from '../service/docketing/docketing-callback-4';
import { composeStampInformation } from '../service/docketing/compose-stamp-information';
import { receiveCaseNumberCallback } from '../service/docketing/case-number-callback';
import { caseAssignments } from '../service/store/case-assignments';
import { receiveDocketingCallback, recordDocketingOutcome } from '../service/docketing/docketing-callback';
import { successStatusElement } from '../../shared/ecf/message-status';
import { queryQueue } from '../service/store/queue-query';
import { demoUsers, type SimUser } from './sim-users';

/** How the simulator is set up. */
export interface SimulatorOptions {
  readonly port?: number;
  /** Where to listen (default 127.0.0.1). Anything but loopback needs `tls`: passwords travel as text. */
  readonly host?: string;
  /** Envelopes to seed an empty database with (default: the demo court's 200); `[]` for a court's real service. */
  readonly envelopes?: readonly DemoEnvelope[];
  /** Accounts to add when missing (default: the demo users); `[]` for a court's service, whose accounts court IT adds. */
  readonly users?: readonly SimUser[];
  /**
   * Where the service keeps its state: an open database (not closed by the service), or the embedded PostgreSQL in
   * this folder. Neither: an in-memory database, gone when the service stops (tests).
   */
  readonly database?: SqlDatabase;
  readonly dataDir?: string;
  /** A PostgreSQL server's database (`postgres://…`) instead of the embedded one. */
  readonly postgresUrl?: string;
  readonly now?: () => number;
  readonly leaseSeconds?: number;
  readonly maxRequestBytes?: number;
  /** How long an unknown sender has to deliver the first 64 KiB of a request (default 15 s). */
  readonly unauthenticatedMs?: number;
  /** Serve over HTTPS (TLS 1.2+) with this key and certificate instead of plain HTTP on loopback. */
  readonly tls?: SigningKey;
  /**
   * The demo court record system the service starts beside itself on loopback when no `recordSystem` is given
   * (default: callbacks after 2 s, 5 % refused, per filing).
   */
  readonly cms?: Partial<DemoCmsOptions>;
  /** The court's own record system (its CourtRecordMDE URL and the service's account there). */
  readonly recordSystem?: RecordSystemEndpoint;
  /**
   * Without `recordSystem`: start the demo record system beside the service (default true). A court's service
   * without either keeps accepted filings owed and, after the retries, lists them as exceptions to docket by hand.
   */
  readonly demoRecordSystem?: boolean;
  /** The ECF version the service speaks with the demo record system (default 5.0; 4.0: RecordFiling at its ECF 4 port). */
  readonly demoRecordSystemEcf?: '5.0' | '4.0';
  /**
   * When accepted filings go to the record system: with each clerk's submission (default: a filing reaches the
   * docket as soon as it is accepted), or once per envelope when its last filing is decided.
   */
  readonly docketingModel?: 'per-session' | 'per-envelope';
  /**
   * A court without an interactive record-system link (seed 000, non-interactive model, Appendix A): once an
   * envelope's last filing is decided, `ENVELOPE.zip` is written to this folder (the record system's SFTP home or a
   * folder it watches) instead of RecordDocketing over SOAP; GetCase and GetCaseList answer from the cases the
   * service has seen. Not with record-system case numbering (there is nobody to ask).
   */
  readonly cmsDropFolder?: string;
  /** Waits before each resend of a RecordDocketing the record system did not take. */
  readonly docketingRetryDelaysMs?: readonly number[];
  /**
   * Told of every request once answered: when, from where, which operation, which account, the HTTP status, the
   * fault code of a refusal and how long it took. Never the message content, passwords or documents.
   */
  readonly requestLog?: (entry: RequestLogEntry) => void;
  /** The court's policy and code lists (default: the demo court). */
  readonly court?: CourtPolicy;
  /**
   * Who numbers new cases, over the policy's own setting: the clerk (manual case assignment), or the court record
   * system, asked with DocumentStampInformation when a clerk accepts a new case (seed 000, CMS Case Assignment).
   */
  readonly caseNumbering?: 'clerk' | 'record-system';
  /**
   * A folder of the court's own Genericode lists and zips of them, published unchanged and applied by the service
   * instead of `court`'s lists (`court` still names the court).
   */
  readonly policyFolder?: string;
  /**
   * Workstation certificates (PEM) the court registered: when given, every request must carry an XML signature of
   * its Body by one of them (WS-Security X.509), and only the signed Body is acted on.
   */
  readonly requestSigners?: readonly string[];
  /** Signs every answer (Body and Timestamp) with this key, as a court EFM configured for X.509 does. */
  readonly signing?: SigningKey;
  /** Where document bytes come from; default: generated demo PDFs (benchmarks pass their own large ones). */
  readonly documents?: Pick<SimDocuments, 'get'>;
  /** Filers' callback endpoints for NotifyFilingReviewComplete (default: none; filers then ask GetFilingStatus). */
  readonly filerCallbacks?: Omit<FilerCallbackOptions, 'onOutcome'>;
  /** Validates an ECF message against the official schemas (tests and dev pass xmllint); absent: structure only. */
  readonly validateEcf?: (xml: string) => Promise<{ valid: boolean; output: string }>;
  /** Validates an ECF 4.0 request from an ECF 4 filer against ECF 4 schemas (tests pass Tyler's); absent: structure only. */
  readonly validateEcf4?: (xml: string) => Promise<{ valid: boolean; output: string }>;
}

/** A review submission the service applied (as stored). */
export type ReceivedSubmission = StoredSubmission;

/** One line of the service's request log (`clerk-review server` prints each as JSON). */
export interface RequestLogEntry {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly remote: string | null;
  readonly operation: string | null;
  readonly user: string | null;
  readonly status: number;
  readonly durationMs: number;
  /** The refusal's code (`unauthorized`, `claimed-by-other`, …) when the status says it failed. */
  readonly fault?: string | null;
}


/**
 * The embedded EFM: a real SOAP 1.1 server on loopback implementing the clerk-review service with MTOM, WS-Security
 * UsernameToken checks, leases with fencing tokens and idempotent submits, over the demo court's envelopes. The app's
 * demo mode and the tests' partner; `clerk-review efm-sim` runs it standalone.
 */
export class EfmSimulator {
  /** RecordDocketing owed to the court record system. */
  readonly docketing: CmsDeliveries;
  readonly #demoCms: DemoCms | null;
  /** The passwords the service and its embedded demo record system present to each other (one pair per service). */
  readonly #cmsSecrets = { service: randomUUID(), recordSystem: randomUUID() };
  /** NotifyFilingReviewComplete to the filers' Filing Assembly MDEs, in ECF's order. */
  readonly filerCallbacks: FilerCallbacks;
  readonly #documents: Pick<SimDocuments, 'get'>;
  readonly #leases: LeaseBook;
  readonly #anchors: AuditAnchorBook;
  readonly #now: () => number;
  readonly #leaseSeconds: number;
  #court: CourtPolicy;
  #published: PublishedPolicy;
  readonly #maxRequestBytes: number;
  #openedCases = 0;
  readonly #schemas = schemasDir();
  #database: SqlDatabase | null = null;
  #accounts: AccountStore | null = null;
  #server: Server | null = null;
  url = '';

  constructor(readonly options: SimulatorOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#leases = new LeaseBook(this.#now);
    this.#anchors = new AuditAnchorBook(this.#now);
    this.#leaseSeconds = options.leaseSeconds ?? 300;
    this.#maxRequestBytes = options.maxRequestBytes ?? 200 * 1024 * 1024;
    this.#documents = options.documents ?? new SimDocuments();
    const court = options.court ?? demoCourtPolicy;
    this.#court = options.caseNumbering ? { ...court, caseNumbering: options.caseNumbering } : court;
    this.#published = PublishedPolicy.generated(this.#court);
    if (options.cmsDropFolder && (options.recordSystem || this.#court.caseNumbering === 'record-system')) {
      throw new Error('A court with a CMS drop folder has no interactive record system: no --cms, and clerks number new cases');
    }
    if ((options.recordSystem?.ecfVersion ?? options.demoRecordSystemEcf) === '4.0' && this.#court.caseNumbering === 'record-system') {
      throw new Error('An ECF 4.0 record system cannot be asked for a new case\'s number (DocumentStampInformation is ECF 5.0): clerks number new cases');
    }
    this.#demoCms = options.recordSystem || options.demoRecordSystem === false || options.cmsDropFolder ? null : new DemoCms({
      delayMs: 2000,
      failureRate: 0.05,
      model: 'per-filing',
      random: Math.random,
      ...(options.validateEcf ? { validateEcf: options.validateEcf } : {}),
      ...(options.validateEcf4 ? { validateEcf4: options.validateEcf4 } : {}),
      // New cases it opens go to the court's first location and its judges in turn (CMS case assignment).
      court: { id: this.#court.courtId, name: this.#court.courtName },
      openCase: () => {
        const judge = this.#court.judges[this.#openedCases++ % Math.max(1, this.#court.judges.length)] ?? null;
        return { courtLocation: this.#court.courtLocations[0]?.code ?? null, judge };
      },
      ...options.cms,
      acceptFrom: { username: embeddedServiceAccount, password: this.#cmsSecrets.service },
    });
    this.docketing = new CmsDeliveries({
      endpoint: () => this.#recordSystem(),
      compose: (sql, delivery) => {
        const context = this.#composeContext(sql);
        if (delivery.kind === 'stamp-information') return composeStampInformation(sql, delivery, context);
        return this.#recordSystem()?.ecfVersion === '4.0' ? composeRecordFiling4(sql, delivery, context) : composeRecordDocketing(sql, delivery, context);
      },
      giveUp: (delivery, reason) => this.#docketingGaveUp(delivery, reason),
      ...(options.cmsDropFolder ? { handOver: (delivery: CmsDelivery) => this.#dropZip(delivery) } : {}),
      ...(options.docketingRetryDelaysMs ? { retryDelaysMs: options.docketingRetryDelaysMs } : {}),
    }, () => this.database);
    this.filerCallbacks = new FilerCallbacks({
      endpoints: {},
      ...options.filerCallbacks,
      onOutcome: (envelopeId, delivered, detail) => this.#filerNoticeOutcome(envelopeId, delivered, detail),
      // ECF 5.0 §6.1.10: the service writes the filer's callback itself once it is owed, with the docketing in it.
      compose: (sql, envelopeId) => composeReviewComplete(sql, envelopeId, this.#reviewCompleteContext()),
    }, () => this.database);
  }

  /** The embedded demo court record system (absent when the service dockets to the court's own). */
  get cms(): DemoCms {
    if (!this.#demoCms) throw new Error('This service dockets to the court\'s own record system');
    return this.#demoCms;
  }

  /** Resolves once nothing is owed to or by the record system: deliveries sent, callbacks received. */
  async whenDocketingIdle(): Promise<void> {
    do {
      await this.docketing.whenIdle();
      await this.#demoCms?.whenIdle();
    } while (this.docketing.busy || this.#demoCms?.busy);
  }

  /** The service's database (open once started). */
  get database(): SqlDatabase {
    if (!this.#database) throw new Error('The service is not started');
    return this.#database;
  }

  /** The service's accounts (open once started). */
  get accounts(): AccountStore {
    if (!this.#accounts) throw new Error('The service is not started');
    return this.#accounts;
  }

  /**
   * The NotifyFilingReviewCompleteRequest content the service writes for an envelope as it stands now: what its filer
   * is sent once review and docketing are complete (demo envelopes have no filer to send it to).
   */
  reviewCompleteMessage(envelopeId: string): Promise<string> {
    return this.database.transaction((sql) => composeReviewComplete(sql, envelopeId, this.#reviewCompleteContext()));
  }

  #reviewCompleteContext(): ReviewCompleteContext {
    return {
      court: this.#court, sendingMde: `${this.url}${endpointPaths.FilingReviewMDE}`, sendingMde4: `${this.url}${endpointPaths.FilingReviewMDE4}`, now: this.#now,
      ...(this.options.validateEcf ? { validateEcf: this.options.validateEcf } : {}),
      ...(this.options.validateEcf4 ? { validateEcf4: this.options.validateEcf4 } : {}),
    };
  }

  /** Every review submission applied, in order. */
  submissions(): Promise<ReceivedSubmission[]> {
    return reviewRecords.submissions(this.database);
  }

  /** The filer cancels an envelope (ECF CancelFiling): it leaves the queue and decisions on it are refused. */
  async cancelFiling(envelopeId: string, reason = 'Withdrawn by the filer'): Promise<void> {
    await this.database.transaction(async (sql) => {
      if (!(await reviewRecords.lockEnvelope(sql, envelopeId))) throw clientFault('not-found', `No envelope ${envelopeId}`);
      await reviewRecords.cancel(sql, envelopeId);
      await this.#record(sql, envelopeId, 'filer', 'cancelled', reason);
    });
  }

  /**
   * Opens the database (migrating it), adds the configured accounts and, into an empty database, the configured
   * envelopes; then listens on 127.0.0.1 (port 0: any free port).
   */
  async start(): Promise<this> {
    const host = this.options.host ?? '127.0.0.1';
    if (!isLoopbackHost(host) && !this.options.tls) throw new Error(`Listening on ${host} needs TLS: UsernameToken passwords travel as text`);
    // The court's lists first: a list that cannot be read stops the start before anything is opened.
    if (this.options.policyFolder) {
      const published = await PublishedPolicy.fromFolder(this.options.policyFolder, this.#court);
      this.#published = this.options.caseNumbering ? published.withCaseNumbering(this.options.caseNumbering) : published;
      this.#court = this.#published.loaded.policy;
    }
    const location = this.options.postgresUrl ? { postgresUrl: this.options.postgresUrl } : this.options.dataDir ? { dataDir: this.options.dataDir } : 'memory' as const;
    // Started again after stop() (an outage in tests and demos): the same database, nothing forgotten.
    const database = this.#database ?? this.options.database ?? (await openDatabase(location));
    this.#database = database;
    this.#accounts ??= new AccountStore(database, this.#now);
    await this.#accounts.seed(this.options.users ?? demoUsers);
    const envelopes = this.options.envelopes ?? makeDemoEnvelopes(200, undefined, Math.floor(this.#now() / 60_000) * 60_000);
    await database.transaction((sql) => reviewRecords.seedEnvelopes(sql, envelopes));
    const listener = (request: IncomingMessage, response: ServerResponse): void => void this.#handle(request, response);
    const server = this.options.tls ? createHttpsServer({ key: this.options.tls.keyPem, cert: this.options.tls.certPem, minVersion: 'TLSv1.2' }, listener) : createServer(listener);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    // Headers must arrive quickly (slow-header attacks); a whole request, large MTOM uploads included, within 5 minutes.
    server.headersTimeout = 15_000;
    server.requestTimeout = 300_000;
    this.#server = server;
    this.url = `${this.options.tls ? 'https' : 'http'}://${isLoopbackHost(host) || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${(server.address() as AddressInfo).port}`;
    if (this.#demoCms) {
      // The embedded record system calls back with an account of its own, its password set anew by each service object.
      const account = { username: embeddedRecordSystemAccount, displayName: 'Demo court record system', role: 'record-system' as const, password: this.#cmsSecrets.recordSystem };
      if (await this.accounts.get(account.username)) await this.accounts.resetPassword(account.username, account.password);
      else await this.accounts.add(account);
      // The demo court already holds the cases its seeded envelopes are filed into (GetCase, GetCaseList).
      for (const { envelope } of envelopes) {
        if (envelope.case.number) this.#demoCms.cases.add(caseSummaryOf(envelope.case.number, envelope));
      }
      await this.#demoCms.start();
      this.#demoCms.connect({ serviceUrl: this.url, credentials: { username: account.username, password: account.password } });
    }
    this.docketing.open();
    this.filerCallbacks.open();
    return this;
  }

  /** Stops listening (an outage: start() serves the same database again); callbacks not yet sent are dropped. */
  async stop(): Promise<void> {
    this.docketing.close();
    await this.#demoCms?.close();
    this.filerCallbacks.close();
    const server = this.#server;
    this.#server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Stops the server, then closes the database it opened. */
  async close(): Promise<void> {
    await this.stop();
    const database = this.#database;
    this.#database = null;
    this.#accounts = null;
    if (database && !this.options.database) await database.close();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Set while the body is being read and the sender is not known yet: a refusal then closes the connection
    // instead of reading the rest.
    let unauthenticated = false;
    let version: SoapVersion = '1.1';
    const started = performance.now();
    const logged: { operation: string | null; user: string | null; fault: string | null } = { operation: null, user: null, fault: null };
    const log = this.options.requestLog;
    if (log) {
      response.once('finish', () => log({
        at: new Date().toISOString(), method: request.method ?? '', path: (request.url ?? '').split('?')[0] ?? '',
        remote: request.socket.remoteAddress ?? null, operation: logged.operation, user: logged.user, status: response.statusCode,
        durationMs: Math.round(performance.now() - started), ...(logged.fault ? { fault: logged.fault } : {}),
      }));
    }
    try {
      const url = new URL(request.url ?? '/', 'http://x');
      if (request.method === 'GET') {
        await this.#serveGet(url, response);
        return;
      }
      const endpoint = request.method === 'POST' ? endpointAt(url.pathname) : null;
      if (!endpoint) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
        return;
      }
      const framing = readSoapFraming(request.headers);
      if (!framing.ok) throw new FaultError({ code: 'invalid-request', text: framing.error, ecfErrorCode: null, holder: null }, 415);
      version = framing.value.version;
      // Who is asking is known from the first bytes; nobody unknown gets the rest read or parsed.
      unauthenticated = true;
      const body = await readBody(request, this.#maxRequestBytes, this.options.unauthenticatedMs ?? 15_000, async (prefix) => {
        const header = readSoapHeaderPrefix(prefix, framing.value.multipart);
        if (!header.ok) throw clientFault('invalid-request', header.error.message);
        await this.#authenticate(readWsSecurity(header.value));
        unauthenticated = false;
      });
      unauthenticated = false;
      let rootXml: string;
      let parts: ReadonlyMap<string, MimePart> = new Map();
      if (framing.value.multipart) {
        const mtom = decodeMtom(request.headers['content-type'] ?? '', body);
        if (!mtom.ok) throw clientFault('invalid-request', mtom.error.message);
        rootXml = mtom.value.rootXml;
        parts = mtom.value.parts;
      } else {
        rootXml = body.toString('utf8');
      }
      const message = readSoapEnvelope(rootXml);
      if (!message.ok) throw clientFault('invalid-request', message.error.message);
      if (message.value.version !== version) throw clientFault('invalid-request', `The HTTP content type says SOAP ${version}, the envelope is SOAP ${message.value.version}`);
      const security = readWsSecurity(message.value.header);
      const user = await this.#authenticate(security);
      logged.user = user.username;
      await this.#checkReplay(security);
      const requestBody = this.options.requestSigners ? this.#signedBody(rootXml, this.options.requestSigners) : message.value.body;
      const operation = operationOfRequest(requestBody);
      const standard = standardOperationOf(requestBody);
      const ecf4 = ecf4OperationOf(requestBody);
      const named = operation ?? standard ?? ecf4;
      const row = named ? operationTable[named as Operation] : null;
      if (!row) throw clientFault('invalid-request', `This service does not implement ${requestBody.nodeName}`);
      logged.operation = row.operation;
      if (row.endpoint !== endpoint) throw clientFault('invalid-request', `${row.operation} is served at ${endpointPaths[row.endpoint]}, not ${endpointPaths[endpoint]}`);
      checkSoapAction(framing.value, row.soapAction, row.operation);
      if (endpoint === 'ClerkReview' && user.role !== 'clerk' && user.role !== 'supervisor') throw clientFault('forbidden', 'Only clerks and supervisors use the clerk review service');
      if ((user.role === 'record-system') !== recordSystemCallbacks.has(row.operation)) {
        throw clientFault('forbidden', user.role === 'record-system' ? 'The court record system account only sends its callbacks (NotifyDocketingComplete, NotifyDocumentStampInformation)' : `Only the court record system sends ${row.operation}`);
      }
      const result = ecf4 ? { body: await this.#ecf4Operation(ecf4, requestBody, parts, user), parts: [] }
        : operation ? await this.#dispatch(operation, requestBody, user, parts) : await this.#standardOperation(standard as StandardOperation, requestBody, parts, user);
      const xml = this.#sign(soapEnvelope(result.body, [wsTimestampHeader(new Date(this.#now()))], version));
      const soapType = soapVersions[version].contentType.split(';')[0] ?? 'text/xml';
      if (result.parts.length > 0) {
        const encoded = encodeMtom(xml, result.parts, soapType);
        response.writeHead(200, { 'Content-Type': encoded.contentType, 'Content-Length': encoded.body.length }).end(encoded.body);
      } else {
        response.writeHead(200, { 'Content-Type': soapVersions[version].contentType }).end(xml);
      }
    } catch (error) {
      // The client only ever sees "failed to process"; CRD_SIM_DEBUG=1 shows the simulator's own bug on stderr.
      if (process.env.CRD_SIM_DEBUG && !(error instanceof FaultError)) console.error(error);
      const fault = error instanceof FaultError ? error.fault : { code: 'internal' as const, text: 'The EFM failed to process the request', ecfErrorCode: null, holder: null };
      logged.fault = fault.code;
      // The service's own failure is court IT's to see (never the request's content): one line on stderr.
      if (!(error instanceof FaultError) && this.options.requestLog) console.error(`service error in ${logged.operation ?? 'a request'}: ${(error as Error).message}`);
      const faultCode = fault.code === 'internal' ? 'Server' : 'Client';
      const subcode = error instanceof FaultError ? error.subcode : null;
      if (unauthenticated) response.once('finish', () => request.destroy());
      if (!response.headersSent) response.writeHead(error instanceof FaultError ? error.status : 500, { 'Content-Type': soapVersions[version].contentType, ...(unauthenticated ? { Connection: 'close' } : {}) });
      response.end(this.#sign(soapFaultEnvelope(faultCode, fault.text, (error instanceof FaultError ? error.detail : null) ?? faultDetailElement(fault), [wsTimestampHeader(new Date(this.#now()))], version, subcode)));
    }
  }

  /** GET: an endpoint's WSDL (`?wsdl`), the published schemas, the court's code lists and the health check. */
  async #serveGet(url: URL, response: ServerResponse): Promise<void> {
    const endpoint = endpointAt(url.pathname);
    if (endpoint && url.searchParams.has('wsdl')) {
      const wsdl = await endpointWsdl(endpoint, this.url, this.#schemas);
      response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(wsdl);
      return;
    }
    if (url.pathname.startsWith(schemasPath)) {
      const file = await publishedSchemaFile(decodeURIComponent(url.pathname.slice(schemasPath.length)), this.#schemas);
      if (file) response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(file);
      else response.writeHead(404, { 'Content-Type': 'text/plain' }).end('No such schema\n');
      return;
    }
    if (url.pathname === '/health') {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok', court: this.#court.courtId, endpoints: this.endpoints() }));
      return;
    }
    if (url.pathname.startsWith(codeListsPath)) {
      this.#published.serve(url.pathname, response);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
  }

  /** The URL of every endpoint, by name. */
  endpoints(): Record<ServedEndpoint, string> {
    return Object.fromEntries(servedEndpoints.map((name) => [name, `${this.url}${endpointPaths[name]}`])) as Record<ServedEndpoint, string>;
  }

  /** The account a UsernameToken names, with a current Timestamp; a WS-Security fault otherwise. */
  async #authenticate(security: SecurityHeader): Promise<Account> {
    const signIn = await this.accounts.signIn(security.username ?? '', security.password);
    if (!signIn.ok && signIn.lockedMs > 0) throw securityFault('wsse:FailedAuthentication', `This account is locked after repeated failed sign-ins; try again in ${Math.ceil(signIn.lockedMs / 60_000)} minute(s) or ask court IT`);
    if (!signIn.ok) throw securityFault('wsse:FailedAuthentication', signIn.nowLocked ? `Unknown user or wrong password; the account is now locked for ${defaultLockoutPolicy.lockMs / 60_000} minutes after repeated failures` : 'Unknown user or wrong password');
    if (!isTimestampCurrent(security, this.#now())) throw securityFault('wsse:MessageExpired', 'The message timestamp is missing or outside the allowed window (check the workstation clock)');
    return signIn.account;
  }

  /**
   * The Body a registered workstation certificate signed, with its Timestamp signed too; a WS-Security fault
   * otherwise. The certificate in the request's BinarySecurityToken picks which registered one to verify with.
   */
  #signedBody(rootXml: string, signers: readonly string[]): Element {
    const presented = signerCertificate(rootXml);
    const fingerprint = (pem: string): string | null => {
      try {
        return new X509Certificate(pem).fingerprint256;
      } catch {
        return null;
      }
    };
    const candidates = presented ? signers.filter((pem) => fingerprint(pem) === fingerprint(presented)) : signers;
    if (presented && candidates.length === 0) throw securityFault('wsse:FailedCheck', 'The request is signed with a certificate this court has not registered for a workstation');
    let reason = 'no workstation certificate is registered';
    for (const certificate of candidates) {
      const verified = verifySoapEnvelope(rootXml, certificate, 'The request');
      if (verified.ok && !verified.value.timestamp) throw securityFault('wsse:FailedCheck', 'The request is signed, but not its Timestamp');
      if (verified.ok) return verified.value.body;
      reason = verified.error.message;
    }
    throw securityFault('wsse:FailedCheck', `This court requires requests signed by a registered workstation certificate: ${reason}`);
  }

  /** Refuses a UsernameToken without Nonce and Created, with a stale Created, or whose nonce was used already. */
  async #checkReplay(security: SecurityHeader): Promise<void> {
    const created = Date.parse(security.tokenCreated ?? '');
    if (!security.nonce || Number.isNaN(created)) throw securityFault('wsse:InvalidSecurity', 'The UsernameToken needs a Nonce and a Created time (replay protection)');
    const now = this.#now();
    if (Math.abs(now - created) > replayWindowMs) throw securityFault('wsse:MessageExpired', 'The UsernameToken was created too long ago or in the future (check the workstation clock)');
    if (!(await this.accounts.useNonce(security.username ?? '', security.nonce, created, now - 2 * replayWindowMs))) throw securityFault('wsse:InvalidSecurity', 'This request was already received (its nonce was used before)');
  }

  /**
   * ReviewFiling (seed 001 §6.1.4; the schema allows several FilingMessages): each FilingMessage is a filing into one
   * case and becomes an envelope of its own in the clerks' queue, with a court envelope id and court filing ids
   * (§6.2), and is reviewed, docketed and answered (NotifyFilingReviewComplete) on its own. All or nothing: when one
   * message cannot be taken, none is, and the answer says which. A message sent again (same sender id) is answered
   * with the envelope it already became. The request's PaymentMessage goes with its first FilingMessage.
   */
  async #receive(body: Element, parts: ReadonlyMap<string, MimePart>, user: Account): Promise<XmlElement> {
    const receivedAt = new Date(this.#now()).toISOString();
    return this.#receipt(await this.#take(filingMessagesOf(body), paymentMessageOf(body), parts, user, receivedAt), receivedAt);
  }

  /**
   * ReviewFiling from an ECF 4.0 filer (the ECF 4.0 Web Services profile's FilingReviewMDEPort): the
   * ReviewFilingRequestMessage is checked against the ECF 4 schemas, each CoreFilingMessage is read into the envelope
   * model and kept as the ECF 5.0 FilingMessage the review desk and the record system work with, and the answer is
   * an ECF 4.0 MessageReceiptMessage with the court's ids, or with the ECF error code that says why it was refused.
   */
  async #reviewFiling4(body: Element, parts: ReadonlyMap<string, MimePart>, user: Account): Promise<XmlElement> {
    const receivedAt = new Date(this.#now()).toISOString();
    const answer = (envelopes: MessageReceipt4['envelopes'], errorCode: string, errorText: string): XmlElement => messageReceiptMessage4({
      envelopes, courtId: this.#court.courtId, sendingMde: `${this.url}${endpointPaths.FilingReviewMDE4}`, errorCode, errorText,
    });
    try {
      if (this.options.validateEcf4) {
        const validation = await this.options.validateEcf4(`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(body)}`);
        if (!validation.valid) throw clientFault('invalid-ecf-message', `The ReviewFilingRequestMessage is not valid against the ECF 4.0 schemas: ${validation.output.slice(0, 500)}`);
      }
      const { coreMessages, payment } = reviewFilingRequestParts4(body);
      if (coreMessages.length === 0) throw clientFault('invalid-ecf-message', 'The ReviewFilingRequestMessage carries no CoreFilingMessage');
      const messages = coreMessages.map((core) => {
        const kept = ecf5FilingMessageOf(core, 'urn:clerk-review:ecf4-filer');
        if (!kept.ok) throw clientFault('invalid-ecf-message', `The CoreFilingMessage cannot be read: ${kept.error.message}`);
        // Kept as sent too: the filer is answered in ECF 4, from its own message.
        return { ...kept.value, filed: { version: '4.0' as const, xml: new XMLSerializer().serializeToString(core) } };
      });
      const stored = await this.#take(messages, payment, parts, user, receivedAt);
      return answer(stored.map(({ envelope }) => ({ envelopeId: envelope.id, filingIds: envelope.filings.map((filing) => filing.id) })), ecfErrorCodes.ok, 'No Error');
    } catch (error) {
      if (!(error instanceof FaultError) || error.fault.code === 'internal' || error.fault.code === 'unauthorized') throw error;
      // ECF 4 answers a refused filing in its receipt, with the ECF error code, as ECF 5 does in MessageStatus.
      return answer([], error.fault.ecfErrorCode ?? ecfErrorCodes.invalidEcf, error.fault.text);
    }
  }

  /** An ECF 4.0 operation: ReviewFiling from a filer, NotifyDocketingComplete from an ECF 4 record system. */
  async #ecf4Operation(operation: Ecf4Operation, body: Element, parts: ReadonlyMap<string, MimePart>, user: Account): Promise<XmlElement> {
    if (operation === 'ReviewFiling4') return this.#reviewFiling4(body, parts, user);
    if (operation === 'NotifyDocketingComplete4') return this.#docketingCallback4(body);
    throw clientFault('invalid-request', `${operation} is served by the court record system, not by the Filing Review service`);
  }

  /**
   * NotifyDocketingComplete from an ECF 4.0 court record system (ECF 4.01 §3.2.7): its RecordDocketingCallbackMessage
   * says whether the filing it names was docketed, checked against the ECF 4 schemas; the outcome is recorded as an
   * ECF 5 one is (an exception for a supervisor when it was not docketed), and the filer may then be owed its
   * callback. Answered with a MessageReceiptMessage: error 0, or the ECF error code and why it was refused.
   */
  async #docketingCallback4(body: Element): Promise<XmlElement> {
    const answer = (envelopes: MessageReceipt4['envelopes'], errorCode: string, errorText: string): XmlElement => messageReceiptMessage4({
      envelopes, courtId: this.#court.courtId,
      sendingMde: `${this.url}${endpointPaths.FilingReviewMDE4}`, errorCode, errorText,
    });
    try {
      const docketed = await receiveDocketingCallback4(body, {
        database: this.database, deliveries: this.docketing, now: this.#now,
        ...(this.options.validateEcf4 ? { validateEcf: this.options.validateEcf4 } : {}),
      });
      for (const filing of docketed.docketedNow) await this.filerCallbacks.docketed(filing.envelopeId, filing.filingId);
      return answer([{ envelopeId: docketed.envelopeId, filingIds: [docketed.filingId] }], ecfErrorCodes.ok, 'No Error');
    } catch (error) {
      if (!(error instanceof FaultError) || error.fault.code === 'internal') throw error;
      return answer([], error.fault.ecfErrorCode ?? ecfErrorCodes.invalidEcf, error.fault.text);
    }
  }

  /**
   * Takes in the FilingMessages of one request (all or nothing), each with its sender's id: a message sent again
   * is answered with the envelope it already became. Returns the envelopes, in the order sent.
   */
  async #take(messages: { message: Element; senderId: string | null; filed?: InsertExtra['filed'] }[], paymentMessage: Element | null, parts: ReadonlyMap<string, MimePart>, user: Account, receivedAt: string): Promise<DemoEnvelope[]> {
    const which = (index: number): string => (messages.length > 1 ? `FilingMessage ${index + 1} of ${messages.length}: ` : '');
    const keys = messages.map(({ senderId }) => (senderId ? `${user.username}\u001f${senderId}` : null));
    const repeated = keys.findIndex((key, index) => key !== null && keys.indexOf(key) !== index);
    if (repeated >= 0) throw clientFault('invalid-request', `${which(repeated)}its identifier ${messages[repeated]?.senderId ?? ''} is used by another FilingMessage of this request`);
    type New = { kind: 'new'; received: ReturnType<typeof receiveFiling>; senderKey: string | null; filed: InsertExtra['filed'] };
    const taken: ({ kind: 'known'; demo: DemoEnvelope } | New)[] = [];
    for (const [index, { message, filed }] of messages.entries()) {
      const senderKey = keys[index] ?? null;
      const known = senderKey ? await this.#resent(senderKey) : null;
      if (known) {
        taken.push({ kind: 'known', demo: known });
        continue;
      }
      // The number is taken outside the transaction: a refused filing leaves a gap, never a reused id.
      const sequence = await reviewRecords.next(this.database, `received-${receivedAt.slice(0, 4)}`);
      const envelopeId = await this.#newEnvelopeId(`ENV-${receivedAt.slice(0, 4)}-R${String(sequence).padStart(5, '0')}`);
      let received: ReturnType<typeof receiveFiling>;
      try {
        received = receiveFiling(message, parts, receivedAt, this.#court.courtLocations[0]?.code ?? 'DT', envelopeId, index === 0 ? paymentMessage : null);
      } catch (error) {
        if (error instanceof FaultError && messages.length > 1) throw new FaultError({ ...error.fault, text: `${which(index)}${error.fault.text}` }, error.status, error.subcode, error.detail);
        throw error;
      }
      if (this.options.validateEcf) {
        const validation = await this.options.validateEcf(`<?xml version="1.0" encoding="UTF-8"?>\n${received.filingMessageXml}`);
        if (!validation.valid) throw clientFault('invalid-ecf-message', `${which(index)}The FilingMessage is not schema-valid: ${validation.output.slice(0, 500)}`);
      }
      taken.push({ kind: 'new', received, senderKey, filed });
    }
    return this.database.transaction(async (sql) => {
      const envelopes: DemoEnvelope[] = [];
      for (const entry of taken) {
        if (entry.kind === 'known') {
          envelopes.push(entry.demo);
          continue;
        }
        const { received, senderKey, filed } = entry;
        // The same message sent twice at once: the first to commit is the filing, the other is answered with it.
        const raced = senderKey ? await reviewRecords.envelopeIdOfSender(sql, senderKey) : null;
        const racedEnvelope = raced ? (await reviewRecords.envelope(sql, raced))?.demo : null;
        if (racedEnvelope) {
          envelopes.push(racedEnvelope);
          continue;
        }
        await reviewRecords.insertEnvelope(sql, received.demo, {
          filingMessageXml: received.filingMessageXml, filerAccount: user.role === 'filer' ? user.username : null, senderKey,
          documents: received.documents, ...(filed ? { filed } : {}),
        });
        const together = messages.length > 1 ? ` (one of ${messages.length} FilingMessages in one request)` : '';
        await this.#record(sql, received.demo.envelope.id, user.username, 'received', `through ReviewFiling from ${user.displayName}${together}`);
        envelopes.push(received.demo);
      }
      return envelopes;
    });
  }

  /** The envelope a sender's message id was already filed as, or null. */
  async #resent(senderKey: string): Promise<DemoEnvelope | null> {
    const id = await reviewRecords.envelopeIdOfSender(this.database, senderKey);
    return id ? ((await reviewRecords.envelope(this.database, id))?.demo ?? null) : null;
  }

  /** The next free court envelope id from a proposal (ids are never reused). */
  async #newEnvelopeId(proposed: string): Promise<string> {
    let id = proposed;
    for (let n = 2; await reviewRecords.exists(this.database, id); n++) id = `${proposed}-${n}`;
    return id;
  }

  #receipt(envelopes: readonly DemoEnvelope[], receivedAt: string): XmlElement {
    const ids = envelopes.map(({ envelope }) => ({ envelopeId: envelope.id, filingIds: envelope.filings.map((filing) => filing.id) }));
    return reviewFilingResponseElement({ receivedAt, errorCode: ecfErrorCodes.ok, errorText: 'Received for clerk review', envelopes: ids, mode: 'Test' });
  }

  /**
   * A standard operation's answer. A refusal is answered in the message, as ECF does: the operation's response with
   * a failed cbrn:MessageStatus and the ECF or court error code (error-codes.ts), not a SOAP fault.
   */
  async #standardOperation(operation: StandardOperation, body: Element, parts: ReadonlyMap<string, MimePart>, user: Account): Promise<{ body: XmlElement; parts: MimePart[] }> {
    const header = {
      messageId: `${operation.toUpperCase()}-${randomUUID()}`, sendingMde: `${this.url}${endpointPaths[operationTable[operation].endpoint]}`,
      courtId: this.#court.courtId, courtName: this.#court.courtName, postedAt: new Date(this.#now()).toISOString(), mode: 'Test' as const,
      // Seed 001 §6.2: the request's message id goes back in the answer.
      inReplyTo: requestMessageIdOf(unwrapMessage(body)),
    };
    try {
      const answer = await this.#standardAnswer(operation, body, parts, header, user);
      return 'parts' in answer ? answer : { body: answer, parts: [] };
    } catch (error) {
      if (process.env.CRD_SIM_DEBUG && !(error instanceof FaultError)) console.error(error);
      const fault = error instanceof FaultError ? error.fault : null;
      const errorText = fault?.text ?? 'The court could not process the message; send it again later';
      const refusal = standardRefusal(operation, header, { errorCode: ecfCodeOf(fault), errorText, mode: 'Test' });
      if (refusal.kind === 'answer') return { body: refusal.body, parts: [] };
      throw new FaultError(fault ?? { code: 'internal', text: errorText, ecfErrorCode: null, holder: null }, 500, null, refusal.detail);
    }
  }

  async #standardAnswer(operation: StandardOperation, body: Element, parts: ReadonlyMap<string, MimePart>, header: ReviewHeader, user: Account): Promise<XmlElement | { body: XmlElement; parts: MimePart[] }> {
    const message = unwrapMessage(body);
    switch (operation) {
      case 'GetPolicy': {
        return wrapStandardResponse(operation, policyResponseMessage(header, this.#published.version, this.#published.references(this.url), `${this.url}${endpointPaths.CourtPolicyMDE}`));
      }
      case 'GetFilingStatus': {
        const filingId = message ? readFilingStatusRequest(message) : null;
        const envelopeId = filingId ? await reviewRecords.envelopeIdOf(this.database, filingId) : null;
        const stored = envelopeId ? await reviewRecords.envelope(this.database, envelopeId) : null;
        const isFiling = stored?.demo.envelope.filings.some((filing) => filing.id === filingId) ?? false;
        if (!filingId || !stored || !isFiling || !filedBy(user, stored)) throw clientFault('not-found', `No filing ${filingId ?? ''}`);
        const { status, reviewer, at } = await this.#filingStatus(stored, filingId, header.postedAt);
        return wrapStandardResponse(operation, filingStatusResponseMessage(header, stored.demo.envelope, status, reviewer, at));
      }
      case 'GetFilingList':
        return wrapStandardResponse(operation, filingListResponseMessage(header, await this.#filingList(message ? readFilingListRequest(message) : null, user, header)));
      case 'GetCase':
      case 'GetCaseList':
        return this.#askRecordSystem(operation, message, header);
      case 'GetDocument':
        return this.#documentFromRecordSystem(message);
      case 'ReviewFiling':
        return this.#receive(body, parts, user);
      case 'CancelFiling':
        return this.#cancelAtFilersRequest(message ? readCancelFilingRequest(message) : null, header, user);
      case 'NotifyDocketingComplete': {
        const docketed = await receiveDocketingCallback(body, { database: this.database, deliveries: this.docketing, now: this.#now, ...(this.options.validateEcf ? { validateEcf: this.options.validateEcf } : {}) });
        for (const filing of docketed) await this.filerCallbacks.docketed(filing.envelopeId, filing.filingId);
        return wrapStandardResponse(operation, successStatusElement({ postedAt: header.postedAt, mode: 'Test' }));
      }
      case 'NotifyDocumentStampInformation': {
        await receiveCaseNumberCallback(body, {
          database: this.database, deliveries: this.docketing, now: this.#now,
          original: (envelopeId, documentId) => this.#originalDocument(this.database, envelopeId, documentId),
          courtSealPng: () => courtSealPng(this.#schemas),
          ...(this.options.validateEcf ? { validateEcf: this.options.validateEcf } : {}),
        });
        return wrapStandardResponse(operation, successStatusElement({ postedAt: header.postedAt, mode: 'Test' }));
      }
      case 'RecordDocketing':
      case 'DocumentStampInformation':
        throw clientFault('invalid-request', `${operation} is served by the court record system, not by the Filing Review service`);
    }
  }

  /**
   * ECF 5.0 §6.1.7 CancelFiling: the court decides. Before clerk review starts the envelope is cancelled and leaves
   * the queue; once a clerk holds it or any filing of it is decided, the request is refused with the reason (court
   * error 101). Asking again for a cancelled filing answers the same.
   */
  async #cancelAtFilersRequest(id: string | null, header: ReviewHeader, user: Account): Promise<XmlElement> {
    if (!id) throw clientFault('invalid-request', 'CancelFiling needs the filing identifier the court assigned (nc:DocumentIdentification)');
    const envelopeId = await reviewRecords.envelopeIdOf(this.database, id);
    const answer = (text: string): XmlElement => cancelFilingResponseElement({ at: header.postedAt, errorCode: ecfErrorCodes.ok, errorText: text, mode: 'Test' });
    const reason = 'Cancelled at the filer\'s request before clerk review';
    const outcome = await this.database.transaction(async (sql) => {
      const stored = envelopeId ? await reviewRecords.lockEnvelope(sql, envelopeId) : null;
      if (!envelopeId || !stored || !filedBy(user, stored)) throw clientFault('not-found', `No filing ${id} at this court`);
      if (stored.cancelled) return { text: `Filing ${id} is cancelled`, notice: null };
      if ((await reviewRecords.decisions(sql, envelopeId)).length > 0) throw clientFault('already-decided', `Filing ${id} cannot be cancelled: the clerk has already decided on it`);
      if (await this.#leases.current(sql, envelopeId)) throw clientFault('already-decided', `Filing ${id} cannot be cancelled: clerk review has started`);
      await reviewRecords.cancel(sql, envelopeId);
      await this.#record(sql, envelopeId, 'filer', 'cancelled', reason);
      // §6.1.7 and §6.1.10: the filer is told through NotifyFilingReviewComplete, status cancelled, at once.
      // An ECF 4 filer's notice is written in ECF 4 when it is sent.
      const notice = stored.filedAs === '4.0' ? null : writeCancellationNotice({ ...header, messageId: `CANCELLED-${envelopeId}` }, stored.demo.envelope, reason);
      await this.filerCallbacks.reviewComplete(sql, envelopeId, stored.filerAccount, notice, [], stored.filedAs);
      return { text: `Filing ${id} is cancelled at the filer's request`, notice: stored };
    });
    if (outcome.notice) this.filerCallbacks.sendOwed(outcome.notice.demo.envelope.id);
    return answer(outcome.text);
  }

  /** Where one filing stands: review outcome (or received / cancelled), docketing, who decided and when. */
  async #filingStatus(stored: StoredEnvelope, filingId: string, now: string): Promise<{ status: FilingStatus; reviewer: { id: string; name: string }; at: string }> {
    const envelopeId = stored.demo.envelope.id;
    const decided = await reviewRecords.outcome(this.database, envelopeId, filingId);
    const docketingStatus = await reviewRecords.docketing(this.database, envelopeId, filingId);
    const status = { filingId, reviewStatus: decided?.outcome ?? (stored.cancelled ? 'cancelled' as const : 'received' as const), docketingStatus, explanation: decided?.explanation ?? null };
    const reviewer = decided ? { id: decided.reviewer, name: decided.reviewerName } : { id: 'efm', name: 'Filing Review MDE' };
    return { status, reviewer, at: decided?.at ?? now };
  }

  /**
   * ECF 5.0 GetFilingList: the filings matching every criterion given (case number, filing id, submission date
   * range), oldest first, at most 1,000; a filer's EFSP sees only what it filed. At least one criterion is needed.
   */
  async #filingList(criteria: FilingListCriteria | null, user: Account, header: ReviewHeader): Promise<XmlElement[]> {
    if (!criteria || (!criteria.caseNumber && !criteria.filingId && !criteria.from && !criteria.to)) throw clientFault('invalid-request', 'GetFilingList needs a case number, a filing identifier or a date range');
    const bound = (value: string | null, endOfDay: boolean): number | null => {
      if (!value) return null;
      const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value);
      if (Number.isNaN(parsed)) throw clientFault('invalid-request', `Not a date: ${value.slice(0, 40)}`);
      return parsed;
    };
    const [from, to] = [bound(criteria.from, false), bound(criteria.to, true)];
    const matches: XmlElement[] = [];
    for (const stored of await reviewRecords.allEnvelopes(this.database, user.role === 'filer' ? user.username : null)) {
      const { envelope } = stored.demo;
      if (criteria.caseNumber && envelope.case.number !== criteria.caseNumber) continue;
      const submitted = Date.parse(envelope.submittedAt ?? '');
      if ((from !== null && !(submitted >= from)) || (to !== null && !(submitted <= to))) continue;
      for (const filing of envelope.filings) {
        if (criteria.filingId && filing.id !== criteria.filingId && envelope.id !== criteria.filingId) continue;
        const { status, reviewer, at } = await this.#filingStatus(stored, filing.id, header.postedAt);
        matches.push(matchingFilingElement(header, envelope, status, reviewer, at));
        if (matches.length >= 1000) return matches;
      }
    }
    return matches;
  }

  /**
   * GetCase and GetCaseList answered by the court record system (seed 001 §6.1.13–6.1.14: they are CourtRecordMDE
   * operations): the request message is passed on under the service's own account and the record system's answer
   * passed back unchanged. The service keeps no copy of the court's cases.
   */
  async #askRecordSystem(operation: 'GetCase' | 'GetCaseList', message: Element | null, header: ReviewHeader): Promise<XmlElement> {
    if (!message) throw clientFault('invalid-request', `The ${operation} request holds no request message`);
    if (!this.#recordSystem() && this.options.cmsDropFolder) return this.#answerFromHistory(operation, message, header);
    const endpoint = this.#recordSystem();
    if (endpoint?.ecfVersion === '4.0') {
      return askCases4(endpoint, operation, message, header, {
        sendingMde: `${this.url}${endpointPaths.FilingReviewMDE4}`, courtId: this.#court.courtId, maxResponseBytes: this.#maxRequestBytes,
        ...(this.options.validateEcf4 ? { validateEcf4: this.options.validateEcf4 } : {}),
      });
    }
    return (await this.#passToRecordSystem(operation, message)).body;
  }

  /**
   * Passes a CourtRecordMDE request on to the court record system under the service's account and its answer back
   * (hub pass-through, seed 001 §5): the request message unchanged, the response message and its MTOM parts as
   * they came. A refusal is the caller's (100 is not found); no answer is error 199, to be tried again.
   */
  async #passToRecordSystem(operation: 'GetCase' | 'GetCaseList' | 'GetDocument', message: Element): Promise<{ body: XmlElement; response: Element; parts: ReadonlyMap<string, MimePart> }> {
    const endpoint = this.#recordSystem();
    if (!endpoint) throw serviceFault('The court record system is not connected to the Filing Review service; try again later');
    const serialize = (node: Element): string => new XMLSerializer().serializeToString(node);
    const answer = await askStandardMessage({
      url: endpoint.url, soapAction: operationTable[operation].soapAction, credentials: endpoint.credentials,
      body: el(ns.wrapper, `${operation}Request`, rawXml(serialize(message))), maxResponseBytes: this.#maxRequestBytes,
      timeoutMs: 120_000, ...(endpoint.ca ? { ca: endpoint.ca } : {}),
    });
    if (!answer.ok && answer.errorCode === ecfErrorCodes.notFound) throw clientFault('not-found', answer.reason.replace(/^refused: /, ''));
    if (!answer.ok && !answer.retryable) throw clientFault('invalid-request', `The court record system refused the request (${answer.reason})`);
    const response = answer.ok ? unwrapMessage(answer.body) : null;
    if (!answer.ok || !response) throw serviceFault('The court record system did not answer; try again later');
    return { body: el(ns.wrapper, `${operation}Response`, rawXml(serialize(response))), response, parts: answer.parts };
  }

  /**
   * GetCase and GetCaseList where the record system is reached only by drop folder: "validating filer-entered case
   * information relies on the data previously passed through the EFM" (seed 000, integration models) — the cases of
   * the envelopes the service received and the cases clerks opened.
   */
  async #answerFromHistory(operation: 'GetCase' | 'GetCaseList', message: Element, header: ReviewHeader): Promise<XmlElement> {
    const seen = new CaseBook();
    for (const stored of await reviewRecords.allEnvelopes(this.database)) {
      const { envelope } = stored.demo;
      if (envelope.case.number) seen.add(caseSummaryOf(envelope.case.number, envelope));
      if (stored.assignedCase) seen.add(caseSummaryOf(stored.assignedCase.caseNumber, { ...envelope, case: { ...envelope.case, title: stored.assignedCase.title } }));
    }
    if (operation === 'GetCase') {
      const caseNumber = readCaseRequest(message);
      if (!caseNumber) throw clientFault('invalid-request', 'GetCase needs a case number');
      return wrapStandardResponse(operation, caseResponseMessage(header, seen.get(caseNumber)));
    }
    const { partyName, category } = readCaseListRequest(message);
    if (!partyName) throw clientFault('invalid-request', 'GetCaseList needs a party name');
    return wrapStandardResponse(operation, caseListResponseMessage(header, seen.withParty(partyName, category)));
  }

  /**
   * GetDocument of a docketed document (seed 001 §6.1.15, CourtRecordMDE): passed on to the record system, which
   * holds the docketed renditions; its answer and the document's MTOM part are passed back, the bytes checked
   * against the SHA-256 the answer gives. A drop-folder court has no record system to ask.
   */
  async #documentFromRecordSystem(message: Element | null): Promise<{ body: XmlElement; parts: MimePart[] }> {
    if (!message) throw clientFault('invalid-request', 'The GetDocument request holds no request message');
    if (!this.#recordSystem() && this.options.cmsDropFolder) throw clientFault('not-found', 'This court\'s record system serves its documents itself, not through the Filing Review service');
    // ECF 4's DocumentQuery is not passed through: the record system's own viewer serves its docketed documents.
    if (this.#recordSystem()?.ecfVersion === '4.0') throw clientFault('not-found', 'This court\'s record system speaks ECF 4.0 and serves its documents itself, not through the Filing Review service');
    const { body, response, parts } = await this.#passToRecordSystem('GetDocument', message);
    const served = readDocumentResponse(response);
    const part = served?.contentId ? parts.get(served.contentId) : undefined;
    if (!served || !part) throw serviceFault('The court record system did not answer with the document; try again later');
    if (served.sha256 && createHash('sha256').update(part.body).digest('hex') !== served.sha256.toLowerCase()) {
      throw serviceFault('The document the court record system sent does not match its SHA-256; try again later');
    }
    return { body, parts: [part] };
  }

  /** Where the service reaches the court record system: the court's, or the embedded demo one once it listens. */
  #recordSystem(): RecordSystemEndpoint | null {
    if (this.options.recordSystem) return this.options.recordSystem;
    if (!this.#demoCms?.url) return null;
    const credentials = { username: embeddedServiceAccount, password: this.#cmsSecrets.service };
    if (this.options.demoRecordSystemEcf === '4.0') return { url: this.#demoCms.courtRecordUrl4, credentials, ecfVersion: '4.0' };
    return { url: this.#demoCms.courtRecordUrl, credentials };
  }

  #sign(xml: string): string {
    return this.options.signing ? signSoapEnvelope(xml, this.options.signing) : xml;
  }

  /** Runs `work` in one transaction holding the envelope's row lock; not-found when there is no such envelope. */
  #withEnvelope<T>(envelopeId: string, work: (sql: Sql, stored: StoredEnvelope) => Promise<T>): Promise<T> {
    return this.database.transaction(async (sql) => {
      const stored = await reviewRecords.lockEnvelope(sql, envelopeId);
      if (!stored) throw clientFault('not-found', `No envelope ${envelopeId}`);
      return work(sql, stored);
    });
  }

  async #dispatch(operation: ReviewOperation, body: Element, user: Account, parts: ReadonlyMap<string, MimePart>): Promise<{ body: XmlElement; parts: MimePart[] }> {
    const plain = (element: XmlElement): { body: XmlElement; parts: MimePart[] } => ({ body: element, parts: [] });
    const { envelopeId, fencingToken: token, documentId, leaseSeconds, toClerk, afterSubmission } = readReviewRequestFields(body);
    switch (operation) {
      case 'GetReviewQueue': {
        const request = queueRequestSchema.safeParse(readQueueRequest(body));
        if (!request.success) throw clientFault('invalid-request', `Invalid queue request: ${request.error.issues[0]?.message ?? ''}`);
        return plain(queueResponseElement(await queryQueue(this.database, request.data, user.username, this.#now())));
      }
      case 'GetEnvelope': {
        const { stored, lease, recorded } = await this.database.transaction(async (sql) => {
          const found = await reviewRecords.envelope(sql, envelopeId);
          if (!found) throw clientFault('not-found', `No envelope ${envelopeId}`);
          return { stored: found, lease: await this.#leases.current(sql, envelopeId), recorded: await reviewRecords.decisions(sql, envelopeId) };
        });
        const documents = await this.#documentFacts(envelopeId, stored.demo.documents);
        return plain(envelopeResponseElement({
          envelopeId,
          courtLocation: stored.demo.courtLocation,
          filingMessageXml: stored.filingMessageXml ?? writeFilingMessage(stored.demo.envelope, this.url),
          paymentMessageXml: writePaymentMessage(stored.demo.payment),
          documents,
          lease,
          recorded,
          assignedCase: stored.assignedCase,
          cancelled: stored.cancelled,
          caseNumberPending: (await caseAssignments.state(this.database, envelopeId)) === 'awaiting-record-system',
        }));
      }
      case 'GetCmsZip': {
        const zip = await this.#cmsZip(envelopeId);
        const contentId = `cms-zip-${envelopeId}@clerk-review`;
        return {
          body: cmsZipResponseElement({ fileName: zip.fileName, documentCount: zip.documents, sizeBytes: zip.bytes.length, sha256: createHash('sha256').update(zip.bytes).digest('hex'), contentId }),
          parts: [{ contentId, contentType: 'application/zip', body: Buffer.from(zip.bytes) }],
        };
      }
      case 'GetEnvelopeDocument': {
        const stored = await reviewRecords.envelope(this.database, envelopeId);
        if (!stored) throw clientFault('not-found', `No envelope ${envelopeId}`);
        const source = stored.demo.documents.find((candidate) => candidate.documentId === documentId);
        if (!source) throw clientFault('not-found', `Envelope ${envelopeId} has no document ${documentId}`);
        const document = await this.#document(source);
        void this.#makeDemoSiblings(envelopeId, stored.demo.documents, source);
        return {
          body: documentResponseElement({ documentId, contentType: document.contentType, sizeBytes: document.bytes.length, sha256: document.sha256, contentId: source.contentId }),
          parts: [{ contentId: source.contentId, contentType: document.contentType, body: document.bytes }],
        };
      }
      case 'ClaimEnvelope':
        return plain(leaseResponseElement(await this.#withEnvelope(envelopeId, async (sql) => {
          const before = await this.#leases.current(sql, envelopeId);
          const lease = leaseOf(await this.#leases.claim(sql, envelopeId, user.username, leaseSeconds ?? this.#leaseSeconds));
          if (before?.holder !== user.username) await this.#record(sql, envelopeId, user.username, 'claimed', null);
          return lease;
        })));
      case 'GetEnvelopeHistory': {
        if (!(await reviewRecords.exists(this.database, envelopeId))) throw clientFault('not-found', `No envelope ${envelopeId}`);
        return plain(historyResponseElement(await reviewRecords.history(this.database, envelopeId)));
      }
      case 'RenewClaim':
        return plain(leaseResponseElement(await this.#withEnvelope(envelopeId, async (sql) => leaseOf(await this.#leases.renew(sql, envelopeId, user.username, token, this.#leaseSeconds)))));
      case 'ReleaseEnvelope':
        return plain(leaseResponseElement(await this.#withEnvelope(envelopeId, async (sql) => {
          if (afterSubmission && !(await reviewRecords.submission(sql, afterSubmission))) {
            // Not applied yet: the clerk keeps the envelope until it is, then it goes back to the pool.
            const held = leaseOf(await this.#leases.checkWrite(sql, envelopeId, user.username, token));
            await reviewRecords.setReleaseAfter(sql, envelopeId, { key: afterSubmission, clerk: user.username });
            return held;
          }
          const released = leaseOf(await this.#leases.release(sql, envelopeId, user.username, token));
          await this.#record(sql, envelopeId, user.username, 'released', null);
          return released;
        })));
      case 'ReassignEnvelope': {
        if (user.role !== 'supervisor') throw clientFault('forbidden', 'Only a supervisor can reassign work');
        const to = toClerk;
        const target = to ? await this.accounts.get(to) : null;
        if (to && (!target || target.disabledAt || (target.role !== 'clerk' && target.role !== 'supervisor'))) throw clientFault('not-found', `No clerk ${to}`);
        return plain(leaseResponseElement(await this.#withEnvelope(envelopeId, async (sql) => {
          const moved = leaseOf(await this.#leases.reassign(sql, envelopeId, to, this.#leaseSeconds, user.username));
          await this.#record(sql, envelopeId, user.username, 'reassigned', to ? `to ${to}` : 'back to the pool');
          return moved;
        })));
      }
      case 'WhoAmI':
      case 'GetWorkload':
      case 'GetDocketingExceptions':
      case 'ResolveDocketingException':
        return plain(await supervisionResponse(operation, body, user, { accounts: this.accounts, database: this.database, leases: this.#leases, redocket: (envelopeId, filingId) => this.#redocket(envelopeId, filingId), docketedByHand: (envelopeId, filingId) => void this.filerCallbacks.docketed(envelopeId, filingId), resendFilerNotice: async (envelopeId) => void (await this.filerCallbacks.resend(envelopeId)) }));
      case 'SubmitFilingReview':
        return plain(await this.#submit(body, user, parts));
      case 'AnchorAuditLog': {
        const head = readAnchorRequest(body);
        if (!head) throw clientFault('invalid-request', 'The audit anchor is incomplete');
        return plain(anchorResponseElement(await this.database.transaction((sql) => this.#anchors.anchor(sql, head))));
      }
      case 'GetAuditAnchor': {
        const workstationId = readGetAnchorRequest(body);
        if (!workstationId) throw clientFault('invalid-request', 'Name the workstation');
        return plain(anchorResponseElement(await this.#anchors.last(this.database, workstationId)));
      }
    }
  }

  /**
   * SubmitFilingReview: everything that does not depend on the envelope's state (stamped renditions, schema
   * validation) is checked first; then one transaction under the envelope's row lock checks the idempotency key,
   * the fencing token and the decisions, and stores them. The CMS and the filer hear only after it committed.
   */
  async #submit(body: Element, user: Account, parts: ReadonlyMap<string, MimePart>): Promise<XmlElement> {
    const request = readSubmitRequest(body);
    if (request.decisions.length === 0) throw clientFault('invalid-request', 'No decision in the submission');
    for (const decision of request.decisions) {
      if (decision.outcome === 'rejected' && (!decision.reasonCode || !decision.note)) throw clientFault('invalid-request', `Rejecting ${decision.filingId} needs a reason code and an explanation`);
      if (decision.outcome === 'rejected' && !rejectionReasonAllowed(this.#court, decision.reasonCode ?? '')) throw clientFault('invalid-request', `Rejecting ${decision.filingId}: ${decision.reasonCode ?? ''} is not one of the court's rejection reasons`);
    }
    if (request.assignedCase) {
      const { caseNumber, courtLocation, judge, title } = request.assignedCase;
      const [issue] = checkCaseAssignment({ caseNumber, trackingId: null, courtLocation, judge, caseTitle: title }, this.#court);
      if (issue) throw clientFault('invalid-request', `The case assignment is refused: ${issue.message}`);
    }
    const stamped = request.stamped.map((s) => {
      const part = parts.get(s.contentId);
      if (!part) throw clientFault('invalid-request', `Stamped rendition ${s.documentId} refers to a missing MTOM part ${s.contentId}`);
      const actual = createHash('sha256').update(part.body).digest('hex');
      if (actual !== s.sha256) throw clientFault('invalid-request', `Stamped rendition ${s.documentId}: SHA-256 ${actual} does not match the declared ${s.sha256}`);
      return { documentId: s.documentId, sha256: s.sha256, bytes: new Uint8Array(part.body) };
    });
    const deferred = (request.deferredStamps ?? []).map(readDeferredStamp);
    const applied = await this.#withEnvelope(request.envelopeId, async (sql, stored) => {
      const previous = await reviewRecords.submission(sql, request.idempotencyKey);
      if (previous) {
        if (previous.envelopeId !== request.envelopeId) throw clientFault('invalid-request', 'This idempotency key was used for another envelope');
        return { duplicate: true as const, appliedAt: previous.appliedAt, complete: previous.complete };
      }
      const { envelope } = stored.demo;
      if (stored.cancelled) throw clientFault('cancelled', `The filer cancelled envelope ${request.envelopeId}; there is nothing to review`);
      leaseOf(await this.#leases.checkWrite(sql, request.envelopeId, user.username, request.fencingToken));
      const earlier = await reviewRecords.decisions(sql, request.envelopeId);
      const decided = new Set(earlier.map((decision) => decision.filingId));
      for (const decision of request.decisions) {
        if (!envelope.filings.some((filing) => filing.id === decision.filingId)) throw clientFault('not-found', `Envelope ${request.envelopeId} has no filing ${decision.filingId}`);
        if (decided.has(decision.filingId)) throw clientFault('already-decided', `Filing ${decision.filingId} was already decided`);
      }
      const earlierCase = stored.assignedCase;
      if (earlierCase && request.assignedCase && request.assignedCase.caseNumber !== earlierCase.caseNumber) throw clientFault('invalid-request', `This new case was already opened as ${earlierCase.caseNumber}`);
      const accepts = request.decisions.some((d) => d.outcome === 'accepted');
      // Seed 000, CMS Case Assignment: where the record system numbers new cases, the clerk sends none; the stamps
      // wait for the number, and so does the RecordDocketing.
      const numbering = await caseAssignments.state(sql, request.envelopeId);
      const awaitingNumber = awaitsRecordSystemNumber(this.#court, envelope.case, {
        caseOpened: earlierCase !== null || (numbering !== null && numbering !== 'awaiting-record-system'),
        numberPending: numbering === 'awaiting-record-system',
      });
      if (numbering === 'refused-by-record-system' && accepts) throw clientFault('invalid-request', 'The court record system did not open this case; a supervisor resolves its filings in the docketing exceptions');
      if (awaitingNumber && stamped.length > 0) throw clientFault('invalid-request', 'While the court record system numbers the case, the service stamps: send the stamps as deferred stamps');
      if (awaitingNumber && request.assignedCase) throw clientFault('invalid-request', "This court's record system numbers new cases: the acceptance cannot carry a case number");
      if (!awaitingNumber && deferred.length > 0) throw clientFault('invalid-request', 'Stamps wait for a case number only while the court record system numbers a new case');
      const acceptedLeads = new Set(request.decisions.filter((d) => d.outcome === 'accepted').map((d) => envelope.filings.find((f) => f.id === d.filingId)?.leadDocument.id));
      const stray = deferred.find((d) => !acceptedLeads.has(d.documentId));
      if (stray) throw clientFault('invalid-request', `The stamp for ${stray.documentId} is not for the lead document of a filing accepted now`);
      if (envelope.case.isNew && !awaitingNumber && !earlierCase && !request.assignedCase && accepts) throw clientFault('invalid-request', 'Accepting a filing of a new case needs the case assignment');
      // A new case gets a number the court does not have yet (seed 001 §6.2.2: the case number identifies one case).
      if (request.assignedCase && !earlierCase && (await reviewRecords.caseNumberTaken(sql, request.assignedCase.caseNumber, request.envelopeId))) {
        throw clientFault('invalid-request', `The court already has a case ${request.assignedCase.caseNumber}: give the new case another number, or docket the filing into that case`);
      }
      const complete = envelope.filings.every((filing) => decided.has(filing.id) || request.decisions.some((d) => d.filingId === filing.id));
      const appliedAt = new Date(this.#now()).toISOString();
      const recorded = request.decisions.map((d) => ({ ...d, reviewerId: user.username }));
      for (const d of request.decisions) await this.#record(sql, request.envelopeId, user.username, d.outcome, d.outcome === 'rejected' ? `${d.filingId}: ${d.reasonCode ?? ''} — ${d.note ?? ''}` : `${d.filingId}${d.correctedFilingCode ? ` as ${d.correctedFilingCode}` : ''}`);
      for (const s of stamped) await this.#record(sql, request.envelopeId, user.username, 'stamped', `${s.documentId} (SHA-256 ${s.sha256.slice(0, 12)}…)`);
      await this.#record(sql, request.envelopeId, user.username, 'submitted', complete ? 'review complete' : 'partial review');
      await reviewRecords.insertDecisions(sql, request.envelopeId, recorded, { id: user.username, name: user.displayName }, await this.#leases.heldSince(sql, request.envelopeId), appliedAt);
      await reviewRecords.updateReview(sql, request.envelopeId, request.assignedCase && !earlierCase ? request.assignedCase : null, complete);
      await reviewRecords.insertSubmission(sql, { idempotencyKey: request.idempotencyKey, envelopeId: request.envelopeId, clerk: user.username, decisions: recorded, stamped, appliedAt, complete });
      // Seed 000 process #4: the accepted filings are owed to the record system, in this transaction.
      const toDocket = this.#docketingModel === 'per-envelope'
        ? (complete ? [...earlier, ...recorded].filter((d) => d.outcome === 'accepted').map((d) => d.filingId) : [])
        : recorded.filter((d) => d.outcome === 'accepted').map((d) => d.filingId);
      if (awaitingNumber && accepts) {
        await caseAssignments.awaitNumber(sql, request.envelopeId, request.idempotencyKey, deferred);
        const acceptedNow = recorded.filter((d) => d.outcome === 'accepted').map((d) => d.filingId);
        await this.docketing.enqueue(sql, { messageId: `DSI-${request.envelopeId}`, kind: 'stamp-information', envelopeId: request.envelopeId, filingIds: acceptedNow });
      }
      if (toDocket.length > 0) {
        const messageId = this.#docketingModel === 'per-envelope' ? `RD-${request.envelopeId}` : `RD-${request.idempotencyKey}`;
        // ECF 4.0 RecordFiling carries one reviewed lead document: an ECF 4 record system gets one per filing.
        const groups = this.#recordSystem()?.ecfVersion === '4.0' ? toDocket.map((filingId) => [filingId]) : [toDocket];
        for (const filingIds of groups) {
          const id = groups.length > 1 ? `${messageId}-${filingIds[0] ?? ''}` : messageId;
          await this.docketing.enqueue(sql, { messageId: id, envelopeId: request.envelopeId, filingIds, held: awaitingNumber });
        }
      }
      if (complete) await this.#leases.reassign(sql, request.envelopeId, null, 0);
      const waiting = await reviewRecords.releaseAfter(sql, request.envelopeId);
      if (waiting?.key === request.idempotencyKey) {
        await reviewRecords.setReleaseAfter(sql, request.envelopeId, null);
        if (!complete && (await this.#leases.current(sql, request.envelopeId))?.holder === waiting.clerk) {
          await this.#leases.release(sql, request.envelopeId, waiting.clerk, request.fencingToken);
          await this.#record(sql, request.envelopeId, waiting.clerk, 'released', 'after the submission landed');
        }
      }
      if (complete) {
        // ECF 5.0 §6.1.10: the filer hears after NotifyDocketingComplete for what was accepted, at once otherwise;
        // the service composes the message when it is owed.
        const accepted = [...earlier, ...recorded].filter((d) => d.outcome === 'accepted').map((d) => d.filingId);
        const docketed = await Promise.all(accepted.map(async (filingId) => ((await reviewRecords.docketing(sql, request.envelopeId, filingId)) === 'successful' ? null : filingId)));
        const stillDocketing = docketed.filter((filingId): filingId is string => filingId !== null);
        await this.filerCallbacks.reviewComplete(sql, request.envelopeId, stored.filerAccount, null, stillDocketing, stored.filedAs);
      }
      return { duplicate: false as const, appliedAt, complete, stored };
    });
    if (applied.duplicate) return submitResponseElement({ result: 'duplicate', appliedAt: applied.appliedAt, envelopeComplete: applied.complete });
    this.docketing.sendOwed();
    if (applied.complete) this.filerCallbacks.sendOwed(request.envelopeId);
    return submitResponseElement({ result: 'applied', appliedAt: applied.appliedAt, envelopeComplete: applied.complete });
  }

  /** What the service composes its messages to the record system with: the court, its address, the filed documents. */
  #composeContext(sql: Sql): ComposeContext {
    return {
      court: this.#court, sendingMde: `${this.url}${endpointPaths.FilingReviewMDE}`, sendingMde4: `${this.url}${endpointPaths.FilingReviewMDE4}`,
      baseUrl: this.url, now: this.#now,
      original: (envelopeId: string, documentId: string) => this.#originalDocument(sql, envelopeId, documentId),
      ...(this.options.validateEcf ? { validateEcf: this.options.validateEcf } : {}),
      ...(this.options.validateEcf4 ? { validateEcf4: this.options.validateEcf4 } : {}),
    };
  }

  /**
   * The CMS zip of an envelope as a drop-folder court receives it (seed 000 App. A), for a clerk's copy: the
   * RecordDocketing request for every filing accepted so far, written by the same code that writes the drop folder's.
   */
  async #cmsZip(envelopeId: string): Promise<EnvelopeCmsZip> {
    const stored = await reviewRecords.envelope(this.database, envelopeId);
    if (!stored) throw clientFault('not-found', `No envelope ${envelopeId}`);
    const accepted = (await reviewRecords.decisionsWithReviewer(this.database, envelopeId)).filter(({ decision }) => decision.outcome === 'accepted').map(({ decision }) => decision.filingId);
    if (accepted.length === 0) throw clientFault('not-found', `Nothing in envelope ${envelopeId} was accepted: there is nothing to docket`);
    const composed = await composeRecordDocketing(this.database, { messageId: `RD-${envelopeId}`, envelopeId, filingIds: accepted }, this.#composeContext(this.database));
    return { ...envelopeCmsZip(stored.demo.envelope, accepted, composed), filingIds: accepted };
  }

  /**
   * What came of a filer's notice goes in the envelope's history; one that did not reach the filer's EFSP (or could
   * not be written) also opens an exception, so a supervisor sends it again or records that the filer was told.
   */
  async #filerNoticeOutcome(envelopeId: string, delivered: boolean, detail: string): Promise<void> {
    await this.#recordNow(envelopeId, 'Filing Review MDE', delivered ? 'filer-notified' : 'filer-not-notified', detail);
    if (delivered) return;
    await this.database.transaction(async (sql) => {
      const stored = await reviewRecords.lockEnvelope(sql, envelopeId);
      if (!stored || (await docketingExceptions.hasOpen(sql, envelopeId, 'filer-notice'))) return;
      const filingIds = stored.demo.envelope.filings.map((filing) => filing.id).join(', ');
      const next = await reviewRecords.next(sql, 'docketing-exceptions');
      await docketingExceptions.open(sql, { envelopeId, filingId: filingIds, kind: 'filer-notice' }, `The filer's EFSP was not notified of the review: ${detail}`, new Date(this.#now()).toISOString(), next);
    }).catch(() => undefined);
  }

  /** When accepted filings go to the record system; a drop-folder court gets one zip per envelope (seed 000 App. A). */
  get #docketingModel(): 'per-session' | 'per-envelope' {
    return this.options.cmsDropFolder ? 'per-envelope' : (this.options.docketingModel ?? 'per-session');
  }

  /**
   * Non-interactive docketing (seed 000, Figures 8–9, step 5): the envelope's zip is written whole to the drop
   * folder; the record system dockets from there and sends nothing back, so the filings count as docketed once it
   * is written, and the filer's callback follows. The zip always holds every filing accepted in the envelope, so a
   * rewrite (a supervisor's retry, a restart) never replaces it with less. A folder that cannot be written is
   * retried, then an exception; a zip that cannot be composed is an exception at once.
   */
  async #dropZip(delivery: CmsDelivery): Promise<StandardMessageOutcome> {
    const folder = this.options.cmsDropFolder ?? '';
    let zip: EnvelopeCmsZip;
    try {
      zip = await this.#cmsZip(delivery.envelopeId);
    } catch (error) {
      return { ok: false, reason: `the service could not write the CMS zip: ${(error as Error).message}`, retryable: false };
    }
    let file: string;
    try {
      file = writeToDropFolder(folder, zip);
    } catch (error) {
      return { ok: false, reason: `the CMS drop folder cannot be written: ${(error as Error).message}`, retryable: true };
    }
    const at = new Date(this.#now()).toISOString();
    const docketed = await this.database.transaction(async (sql) => {
      await reviewRecords.lockEnvelope(sql, delivery.envelopeId);
      const now: string[] = [];
      for (const filingId of zip.filingIds) {
        const said = `${filingId} handed to the court record system in ${path.basename(file)}`;
        if (await recordDocketingOutcome(sql, delivery.envelopeId, { filingId, docketed: true, docketId: null, reason: null }, at, said)) now.push(filingId);
      }
      await this.docketing.answered(sql, delivery.messageId);
      return now;
    });
    for (const filingId of docketed) await this.filerCallbacks.docketed(delivery.envelopeId, filingId);
    return { ok: true };
  }

  /**
   * The record system refused a RecordDocketing for good, or never took it: its filings go to the exception queue,
   * each with the reason, for a supervisor to send again or record as docketed by hand.
   */
  async #docketingGaveUp(delivery: CmsDelivery, reason: string): Promise<void> {
    const at = new Date(this.#now()).toISOString();
    await this.database.transaction(async (sql) => {
      await reviewRecords.lockEnvelope(sql, delivery.envelopeId);
      const filingIds = new Set(delivery.filingIds);
      if (delivery.kind === 'stamp-information') {
        // No case was opened: what waits to be docketed into it cannot be either.
        for (const held of (await this.docketing.ofEnvelope(sql, delivery.envelopeId)).filter((d) => d.status === 'held')) held.filingIds.forEach((id) => filingIds.add(id));
        await this.docketing.dropHeld(sql, delivery.envelopeId);
        await caseAssignments.refused(sql, delivery.envelopeId);
      }
      for (const filingId of filingIds) {
        await recordDocketingOutcome(sql, delivery.envelopeId, { filingId, docketed: false, docketId: null, reason: `The court record system did not take it: ${reason}` }, at);
      }
    });
  }

  /** A supervisor's retry: the filing is sent to the record system again, in a RecordDocketing of its own. */
  async #redocket(envelopeId: string, filingId: string): Promise<void> {
    await this.database.transaction(async (sql) => {
      await reviewRecords.clearRefusedDocketing(sql, envelopeId, filingId);
      const attempt = await reviewRecords.next(sql, `redocket-${envelopeId}-${filingId}`);
      await this.docketing.enqueue(sql, { messageId: `RD-${envelopeId}-${filingId}-retry${attempt}`, envelopeId, filingIds: [filingId] });
    });
    this.docketing.sendOwed();
  }

  #record(sql: Sql, envelopeId: string, actor: string, action: HistoryEvent['action'], detail: string | null): Promise<void> {
    return reviewRecords.record(sql, envelopeId, { at: new Date(this.#now()).toISOString(), actor, action, detail });
  }

  /** Adds a history line in its own transaction (outcomes of callbacks sent after the answer). */
  async #recordNow(envelopeId: string, actor: string, action: HistoryEvent['action'], detail: string | null): Promise<void> {
    try {
      await this.#record(this.database, envelopeId, actor, action, detail);
    } catch (error) {
      if (process.env.CRD_SIM_DEBUG) console.error(error);
    }
  }

  /** A document of an envelope as filed (its bytes and SHA-256), or null when the envelope has no such document. */
  async #originalDocument(sql: Sql, envelopeId: string, documentId: string): Promise<SimDocument | null> {
    const source = (await reviewRecords.envelope(sql, envelopeId))?.demo.documents.find((d) => d.documentId === documentId);
    return source ? this.#document(source) : null;
  }

  /** A document's bytes: as received through ReviewFiling, or generated for the demo court. */
  /**
   * What GetEnvelope says of each document (type, size, SHA-256): a filed document's from the database without
   * reading its bytes; a demo document's from the document itself (made when first asked for).
   */
  async #documentFacts(envelopeId: string, sources: DemoEnvelope['documents']): Promise<DocumentFacts[]> {
    const stored = await reviewRecords.receivedDocumentHashes(this.database, envelopeId);
    const received = new Map(stored.map((facts) => [facts.documentId, facts]));
    return Promise.all(sources.map(async (source): Promise<DocumentFacts> => {
      const { documentId } = source;
      const facts = received.get(documentId);
      if (facts) {
        return { documentId, contentType: 'application/pdf', sizeBytes: facts.sizeBytes, sha256: facts.sha256 };
      }
      const made = await this.#documents.get(source);
      return { documentId, contentType: made.contentType, sizeBytes: made.bytes.length, sha256: made.sha256 };
    }));
  }

  /**
   * A demo envelope's documents are made when first asked for: the clerk who prefetches one is about to open the
   * envelope, whose answer reports them all, so the others are made now, in the background. A filed envelope's
   * documents are stored, and nothing is read for them.
   */
  async #makeDemoSiblings(envelopeId: string, sources: readonly DemoDocumentSource[], served: DemoDocumentSource) {
    try {
      if ((await reviewRecords.receivedDocumentHashes(this.database, envelopeId)).length > 0) return;
      for (const sibling of sources) if (sibling !== served) void this.#documents.get(sibling).catch(() => undefined);
    } catch {
      // A warm-up only: the envelope's own answer makes what is missing.
    }
  }

  async #document(source: DemoEnvelope['documents'][number]): Promise<SimDocument> {
    return (await reviewRecords.receivedDocument(this.database, source.documentId)) ?? this.#documents.get(source);
  }

}

/** What GetEnvelope says of one document. */
type DocumentFacts = { documentId: string; contentType: 'application/pdf'; sizeBytes: number; sha256: string };

/** The lease of a lease operation, or its fault thrown. */
function leaseOf(outcome: LeaseOutcome): Lease | null {
  if (!outcome.ok) throw new FaultError(outcome.fault);
  return outcome.lease;
}

/**
 * True when this account may ask about (or cancel) the envelope: court staff always; a filer's EFSP only for what it
 * filed itself. Anyone else's filing is answered as unknown, so its existence is not disclosed either.
 */
function filedBy(user: Account, stored: StoredEnvelope): boolean {
  return user.role !== 'filer' || stored.filerAccount === user.username;
}

/**
 * Reads a request body up to `limit` bytes. `checkPrefix` sees the first {@link maxUnauthenticatedBytes} of a larger
 * body before anything more is read: it throws to refuse the request there, so an unknown sender costs at most that
 * many bytes and one small parse.
 */
function readBody(request: IncomingMessage, limit: number, unauthenticatedMs: number, checkPrefix: (prefix: Buffer) => Promise<void>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (declared > limit) {
      reject(clientFault('too-large', `The request is ${declared} bytes; the limit is ${limit}`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let checked = false;
    let done = false;
    // A sender who trickles the first bytes is cut off: unknown senders get seconds, not the request timeout.
    const slow = setTimeout(() => {
      if (checked || done) return;
      done = true;
      reject(clientFault('too-large', `The request's first ${maxUnauthenticatedBytes} bytes did not arrive within ${unauthenticatedMs / 1000} s`));
      request.pause();
    }, unauthenticatedMs);
    // While the prefix is checked nothing more is read; a refusal stops there, an accepted sender gets the rest read.
    let checking: Promise<boolean> | null = null;
    const check = (): void => {
      checked = true;
      clearTimeout(slow);
      request.pause();
      checking = checkPrefix(Buffer.concat(chunks).subarray(0, maxUnauthenticatedBytes)).then(() => {
        request.resume();
        return true;
      }, (error: unknown) => {
        done = true;
        reject(error);
        return false;
      });
    };
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(clientFault('too-large', `The request is larger than ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
      if (!checked && size >= maxUnauthenticatedBytes) check();
    });
    request.on('end', () => {
      clearTimeout(slow);
      // A body smaller than the prefix is read whole anyway: the normal path parses and authenticates it.
      void (checking ?? Promise.resolve(true)).then((accepted) => {
        if (accepted && !done) resolve(Buffer.concat(chunks));
      });
    });
    request.on('error', (error) => {
      clearTimeout(slow);
      reject(error);
    });
  });
}

/** How far a UsernameToken's Created may be from the service's clock (WS-Security freshness). */
const replayWindowMs = 5 * 60_000;

/**
 * Checks the request's SOAPAction against the operation its body names (WS-I Basic Profile R2744): SOAP 1.1 must
 * send it, SOAP 1.2 may leave it out.
 */
function checkSoapAction(framing: SoapFraming, expected: string, operation: string): void {
  if (framing.soapAction === null || framing.soapAction === '') {
    if (framing.version === '1.1') throw clientFault('invalid-request', `The SOAPAction header is missing; ${operation} is sent with SOAPAction "${expected}"`);
    return;
  }
  if (framing.soapAction !== expected) throw clientFault('invalid-request', `The SOAPAction "${framing.soapAction.slice(0, 200)}" does not match the body's ${operation} (expected "${expected}")`);
}

/** The ECF error code a refusal of a standard operation is answered with (error-codes.ts). */
function ecfCodeOf(fault: ReviewFault | null): string {
  switch (fault?.code) {
    case 'invalid-ecf-message':
      return ecfErrorCodes.invalidSchema;
    case 'invalid-request':
      return ecfErrorCodes.invalidEcf;
    case 'not-found':
      return ecfErrorCodes.notFound;
    case 'cancelled':
    case 'already-decided':
      return ecfErrorCodes.cancelRefused;
    default:
      return ecfErrorCodes.serviceError;
  }
}

/** True for addresses only this machine can reach. */
function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/** An envelope's CMS zip with the filings it holds. */
interface EnvelopeCmsZip {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly documents: number;
  readonly filingIds: readonly string[];
}

/** The account the service presents to its embedded demo record system. */
const embeddedServiceAccount = 'filing-review-service';

/** A stamp the desktop left for the service to apply once the case is numbered; refused when it cannot be read. */
function readDeferredStamp(wire: WireDeferredStamp): DeferredStamp {
  let json: unknown;
  try {
    json = JSON.parse(wire.stamp);
  } catch {
    throw clientFault('invalid-request', `The stamp for ${wire.documentId} is not readable JSON`);
  }
  const parsed = deferredStampSchema.safeParse({ ...(typeof json === 'object' && json ? json : {}), documentId: wire.documentId, filingId: wire.filingId });
  if (!parsed.success) throw clientFault('invalid-request', `The stamp for ${wire.documentId} cannot be applied: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The operations only the court record system sends: its callbacks. */
const recordSystemCallbacks: ReadonlySet<Operation> = new Set(['NotifyDocketingComplete', 'NotifyDocumentStampInformation', 'NotifyDocketingComplete4']);

/** The court seal the service stamps with (assets/court-seal.png beside the schemas), or null when it is missing. */
async function courtSealPng(schemas: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(path.join(schemas, '..', 'assets', 'court-seal.png')));
  } catch {
    return null;
  }
}

/** The account the embedded demo record system calls the service back with (role record-system). */
const embeddedRecordSystemAccount = 'demo-record-system';
