import { anchorRequestElement, getAnchorRequestElement, readAnchorResponse, type SignedAuditHead } from '../../shared/ecf/audit-anchor-messages';
import type { AuditAnchor } from '../../shared/domain/audit';
import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import type { DocumentContent, EnvelopeDetail } from '../../shared/ipc/efm-schemas';
import { queueRequestSchema, type Lease, type QueuePage, type QueueRequest } from '../../shared/domain/review-queue';
import { appError, type AppError } from '../../shared/errors';
import {
  documentRequestElement, envelopeRequestElement, fencedRequestElement, queueRequestElement, readCmsZipResponse, readDocumentResponse, readEnvelopeResponse, readFaultDetail,
  isReviewResponse, readHistoryResponse, readLease, readQueueResponse, readSubmitResponse, reassignRequestElement, submitRequestElement, type ReviewOperation, type SubmitReviewRequest,
} from '../../shared/ecf/clerk-review-service';
import { readFilingMessage } from '../../shared/ecf/filing-message';
import { readPaymentMessage } from '../../shared/ecf/payment-message';
import type { DocketingException, WhoAmI, WorkloadSnapshot } from '../../shared/domain/supervision';
import type { MessageStatus } from '../../shared/domain/ecf-status';
import { readMessageStatus } from '../../shared/ecf/message-status';
import { ecfErrorCodes } from '../../shared/ecf/error-codes';
import { readReviewFilingReceiptIds, reviewFilingRequestElement } from '../../shared/ecf/review-filing-messages';
import {
  exceptionsRequestElement, readExceptionsResponse, readResolveExceptionResponse, readWhoAmIResponse, readWorkloadResponse, resolveExceptionRequestElement, whoAmIRequestElement, workloadRequestElement,
} from '../../shared/ecf/supervision-messages';
import { err, ok, type Result } from '../../shared/result';
import { rawXml, type RawXml, type XmlElement } from '../../shared/xml/xml-writer';
import { isMessageReceipt4, readMessageReceipt4 } from '../../shared/ecf4/message-receipt';
import { isStandardResponse, standardOperations, wrapStandardRequest, type StandardOperation } from '../../shared/ecf/standard-operations';
import { operationTable, operationUrl, type Operation } from '../../shared/ecf/operation-table';
import type { CaseSummary } from '../../shared/domain/case-summary';
import type { HistoryEvent } from '../../shared/domain/envelope-history';
import { caseListRequestMessage, caseRequestMessage, readCaseListResponse, readCaseResponse } from '../../shared/ecf/case-messages';
import { filingStatusRequestMessage, readFilingStatusResponse, type FilingStatus } from '../../shared/ecf/filing-status-messages';
import { policyRequestMessage } from '../../shared/ecf/policy-messages';
import { readPolicyResponse, type PolicySummary } from '../../shared/ecf/policy-response';
import type { ReviewHeader } from '../../shared/ecf/review-parts';
import { CodeListFileReader, type CodeListBatch } from '../policy/code-list-source';
import { firstChildElement } from '../../shared/xml/xml-query';
import { decodeMtom, encodeMtom, isMultipartRelated, type MimePart } from '../soap/mtom';
import { readSoapEnvelope, readSoapFault, soapEnvelope } from '../soap/soap-envelope';
import { isTimestampCurrent, readWsSecurity, wsSecurityHeader, type UsernameCredentials } from '../soap/ws-security';
import { signSoapEnvelope, verifySoapEnvelope, type SigningKey } from '../soap/xml-signature';
import { httpPost, TransportError } from './http-post';
import { readQueueAnswerStream } from '../../shared/ecf/queue-answer-stream';
import { parseXml } from '../../shared/xml/safe-xml';

/** Largest code list download (a court's zipped lists run to tens of MB; streamed, so this bounds time, not memory). */
const maxCodeListBytes = 1024 * 1024 * 1024;

/** How to reach the EFM. */
export interface EfmClientOptions {
  readonly endpoint: string;
  readonly credentials: UsernameCredentials;
  /** The court's identifier (the connection's), sent in every standard request's header. */
  readonly courtId?: string;
  readonly timeoutMs?: number;
  /** Extra attempts for idempotent calls after a timeout, reset or 5xx. */
  readonly retries?: number;
  readonly maxResponseBytes?: number;
  readonly ca?: string;
  /** The EFM's signing certificate (PEM): every answer must carry a valid signature by it, or it is refused. */
  readonly pinnedEfmCertPem?: string;
  /** Signs every request (Body and Timestamp) with the workstation's X.509 key, when the court requires it. */
  readonly signing?: SigningKey;
  /** Told, on every answer with a WS-Security Timestamp, how far the EFM's clock is ahead of this one (ms). */
  readonly onClock?: (skewMs: number) => void;
  /** What a court's error code means (its ErrorCodeText list), for refusals that come without a text. */
  readonly describeErrorCode?: (code: string) => string | null;
  /** Clock difference allowed on a signed answer's Timestamp (the court's limit; default 300 s). */
  readonly maxClockSkewSeconds?: number;
  /** Waits between retries (tests pass a fast one). */
  readonly sleep?: (ms: number) => Promise<void>;
}



/**
 * The app's client for the EFM's clerk-review service: SOAP 1.1 with WS-Security, MTOM both ways, timeouts, retries
 * with backoff for idempotent calls only, size limits, and every fault or transport failure turned into a typed
 * error carrying the EFM's reason and ECF error code.
 */
export class EfmClient {
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #maxResponseBytes: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(readonly options: EfmClientOptions) {
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retries = options.retries ?? 3;
    this.#maxResponseBytes = options.maxResponseBytes ?? 300 * 1024 * 1024;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** One page of the review queue. */
  async getReviewQueue(request: Partial<QueueRequest> = {}): Promise<Result<QueuePage>> {
    let streamed: QueuePage | null = null;
    // An unsigned answer is read in one streaming pass (a sync's 5,000-item pages); a signed one from the DOM its
    // signature was checked over; anything else (a fault) by the DOM reader.
    const fast = this.options.pinnedEfmCertPem ? undefined : (xml: string, receivedAt: number): boolean => {
      const answer = readQueueAnswerStream(xml);
      if (!answer.ok || answer.value.kind !== 'page') return false;
      const created = Date.parse(answer.value.created ?? '');
      if (!Number.isNaN(created)) this.options.onClock?.(created - receivedAt);
      streamed = answer.value.page;
      return true;
    };
    const result = await this.#call('GetReviewQueue', queueRequestElement(queueRequestSchema.parse(request)), [], fast);
    if (!result.ok) return result;
    return ok(streamed ?? readQueueResponse(result.value.body));
  }

  /**
   * An envelope: the parsed FilingMessage, its documents and who holds it — plus the FilingMessage exactly as the
   * EFM sent it, which RecordDocketing must carry unchanged (stripped by the IPC contract: the renderer never needs it).
   */
  async getEnvelope(envelopeId: string): Promise<Result<EnvelopeDetail & { filingMessageXml: string }>> {
    const result = await this.#call('GetEnvelope', envelopeRequestElement('GetEnvelope', envelopeId));
    if (!result.ok) return result;
    const response = readEnvelopeResponse(result.value.body);
    if (!response.filingMessage) return err(appError('efm-bad-response', `The EFM sent envelope ${envelopeId} without its FilingMessage`));
    const envelope = readFilingMessage(response.filingMessage);
    if (!envelope.ok) return err(appError('efm-bad-response', `The EFM's FilingMessage for ${envelopeId} cannot be read: ${envelope.error.message}`));
    const payment = response.paymentMessage ? readPaymentMessage(response.paymentMessage) : null;
    if (payment && !payment.ok) return err(appError('efm-bad-response', `The EFM's PaymentMessage for ${envelopeId} cannot be read: ${payment.error.message}`));
    const filingMessageXml = new XMLSerializer().serializeToString(response.filingMessage);
    return ok({ envelope: envelope.value, courtLocation: response.courtLocation, documents: [...response.documents], lease: response.lease, payment: payment ? payment.value : null, recorded: [...response.recorded], assignedCase: response.assignedCase, cancelled: response.cancelled, caseNumberPending: response.caseNumberPending ?? false, filingMessageXml });
  }

  /** A document's bytes (MTOM), refused if they do not match the SHA-256 the EFM declared. */
  async getDocument(envelopeId: string, documentId: string): Promise<Result<DocumentContent>> {
    const result = await this.#call('GetEnvelopeDocument', documentRequestElement(envelopeId, documentId));
    if (!result.ok) return result;
    const response = readDocumentResponse(result.value.body);
    const part = response.contentId ? result.value.parts.get(response.contentId) : undefined;
    if (!part) return err(appError('efm-bad-response', `The EFM's answer for document ${documentId} lacks its MTOM part`));
    const sha256 = createHash('sha256').update(part.body).digest('hex');
    if (sha256 !== response.sha256) return err(appError('efm-bad-response', `Document ${documentId} arrived damaged: SHA-256 ${sha256} instead of ${response.sha256}`));
    // A view into the response buffer (no copy of a possibly large document); Node buffers never share memory.
    return ok({ documentId: response.documentId, contentType: response.contentType, sha256, bytes: part.body as Uint8Array<ArrayBuffer> });
  }

  /**
   * The envelope's CMS zip as the service writes it for a court without an interactive record system (seed 000
   * App. A): refused if its bytes do not match the SHA-256 the service declared.
   */
  async getCmsZip(envelopeId: string): Promise<Result<{ fileName: string; bytes: Uint8Array<ArrayBuffer>; documents: number }>> {
    const result = await this.#call('GetCmsZip', envelopeRequestElement('GetCmsZip', envelopeId));
    if (!result.ok) return result;
    const response = readCmsZipResponse(result.value.body);
    const part = response.contentId ? result.value.parts.get(response.contentId) : undefined;
    if (!part) return err(appError('efm-bad-response', `The EFM's CMS zip for ${envelopeId} lacks its MTOM part`));
    const sha256 = createHash('sha256').update(part.body).digest('hex');
    if (sha256 !== response.sha256) return err(appError('efm-bad-response', `The CMS zip for ${envelopeId} arrived damaged`));
    return ok({ fileName: response.fileName, bytes: new Uint8Array(part.body), documents: response.documentCount });
  }

  /** Who claimed, released, reassigned, decided, stamped and submitted what on an envelope, and when. */
  async getEnvelopeHistory(envelopeId: string): Promise<Result<HistoryEvent[]>> {
    const result = await this.#call('GetEnvelopeHistory', envelopeRequestElement('GetEnvelopeHistory', envelopeId));
    return result.ok ? ok(readHistoryResponse(result.value.body)) : result;
  }

  /** Claims an envelope for review. */
  async claim(envelopeId: string, leaseSeconds?: number): Promise<Result<Lease>> {
    return this.#leaseCall('ClaimEnvelope', envelopeRequestElement('ClaimEnvelope', envelopeId, leaseSeconds));
  }

  /** Extends a claim. */
  async renew(envelopeId: string, fencingToken: number): Promise<Result<Lease>> {
    return this.#leaseCall('RenewClaim', fencedRequestElement('RenewClaim', envelopeId, fencingToken));
  }

  /** Gives an envelope back to the pool — at once, or once the submission `afterSubmission` has been applied. */
  async release(envelopeId: string, fencingToken: number, afterSubmission: string | null = null): Promise<Result<null>> {
    const result = await this.#call('ReleaseEnvelope', fencedRequestElement('ReleaseEnvelope', envelopeId, fencingToken, afterSubmission));
    return result.ok ? ok(null) : result;
  }

  /** Supervisor: moves an envelope to a clerk, or back to the pool. */
  async reassign(envelopeId: string, toClerk: string | null): Promise<Result<Lease | null>> {
    const result = await this.#call('ReassignEnvelope', reassignRequestElement(envelopeId, toClerk));
    return result.ok ? ok(readLease(result.value.body)) : result;
  }

  /**
   * Standard ECF ReviewFiling: hands a filing to the EFM (from portable media) with its documents as MTOM parts named
   * by the FilingMessage's `cid:` URIs. Returns the EFM's synchronous MessageStatus, the identifiers the court gave
   * (envelope and filings) and the response as received.
   */
  async reviewFiling(filingMessageXml: string, attachments: readonly MimePart[], paymentMessageXml: string | null = null): Promise<Result<{ status: MessageStatus; courtIds: ReturnType<typeof readReviewFilingReceiptIds>; responseXml: string }>> {
    const result = await this.#call('ReviewFiling', reviewFilingRequestElement(filingMessageXml, paymentMessageXml), attachments);
    if (!result.ok) return result;
    const status = readMessageStatus(result.value.body);
    if (!status.ok) return err(appError('efm-bad-response', `The EFM's answer to ReviewFiling has no status: ${status.error.message}`));
    if (!status.value.ok) return err(appError('efm-fault', `The EFM did not take the filing: ${status.value.errorText ?? status.value.errorCode}`, { ecfErrorCode: status.value.errorCode }));
    return ok({ status: status.value, courtIds: readReviewFilingReceiptIds(result.value.body), responseXml: new XMLSerializer().serializeToString(result.value.body) });
  }

  /**
   * ReviewFiling in ECF 4.0 (a portable medium made by an ECF 4 filing system): the ReviewFilingRequestMessage as the
   * medium holds it, with its documents as MTOM parts, to the service's ECF 4 FilingReviewMDEPort. The answer is the
   * ECF 4.0 MessageReceiptMessage: the court's envelope and filing ids, or the error that refused it.
   */
  async reviewFiling4(requestXml: string, attachments: readonly MimePart[]): Promise<Result<{ receipt: NonNullable<ReturnType<typeof readMessageReceipt4>>; responseXml: string }>> {
    const result = await this.#call('ReviewFiling4', rawXml(requestXml), attachments);
    if (!result.ok) return result;
    const receipt = readMessageReceipt4(result.value.body);
    if (!receipt) return err(appError('efm-bad-response', 'The EFM\'s answer to the ECF 4 ReviewFiling holds no MessageReceiptMessage'));
    const refused = receipt.errors.find((error) => error.code !== '0');
    if (refused) return err(appError('efm-fault', `The EFM did not take the filing: ${refused.text ?? refused.code}`, { ecfErrorCode: refused.code }));
    return ok({ receipt, responseXml: new XMLSerializer().serializeToString(result.value.body) });
  }

  /** Records this workstation's signed audit head at the EFM (the same head twice is accepted). */
  async anchorAuditHead(head: SignedAuditHead): Promise<Result<AuditAnchor>> {
    const result = await this.#call('AnchorAuditLog', anchorRequestElement(head));
    if (!result.ok) return result;
    const anchor = readAnchorResponse(result.value.body);
    return anchor ? ok(anchor) : err(appError('efm-bad-response', 'The EFM did not confirm the audit anchor'));
  }

  /** The last audit head the EFM recorded for a workstation (null when it has none). */
  async getAuditAnchor(workstationId: string): Promise<Result<AuditAnchor | null>> {
    const result = await this.#call('GetAuditAnchor', getAnchorRequestElement(workstationId));
    if (!result.ok) return result;
    const anchor = readAnchorResponse(result.value.body);
    return anchor === undefined ? err(appError('efm-bad-response', 'The EFM sent an unreadable audit anchor')) : ok(anchor);
  }

  /** Who the EFM says the signed-in user is, with their role and the envelopes they hold now. */
  async whoAmI(): Promise<Result<WhoAmI>> {
    const result = await this.#call('WhoAmI', whoAmIRequestElement());
    if (!result.ok) return result;
    const identity = readWhoAmIResponse(result.value.body);
    return identity ? ok(identity) : err(appError('efm-bad-response', 'The EFM did not say who you are or which role you have'));
  }

  /** Supervisor: users, current claims and the filing decisions of [from, to). */
  async getWorkload(from: string, to: string): Promise<Result<WorkloadSnapshot>> {
    const result = await this.#call('GetWorkload', workloadRequestElement(from, to));
    return result.ok ? ok(readWorkloadResponse(result.value.body)) : result;
  }

  /** Supervisor: filings the court record system refused to docket. */
  async getDocketingExceptions(includeHandled: boolean): Promise<Result<DocketingException[]>> {
    const result = await this.#call('GetDocketingExceptions', exceptionsRequestElement(includeHandled));
    return result.ok ? ok(readExceptionsResponse(result.value.body)) : result;
  }

  /** Supervisor: retry a docketing exception or mark it resolved, with a note. */
  async resolveDocketingException(exceptionId: string, action: 'retry' | 'resolve', note: string): Promise<Result<DocketingException>> {
    const result = await this.#call('ResolveDocketingException', resolveExceptionRequestElement(exceptionId, action, note));
    if (!result.ok) return result;
    const handled = readResolveExceptionResponse(result.value.body);
    return handled ? ok(handled) : err(appError('efm-bad-response', 'The EFM did not return the exception it handled'));
  }

  /** Submits decisions with their ECF messages and stamped renditions (MTOM); safe to resend with the same key. */
  async submitReview(request: SubmitReviewRequest, stampedBytes: ReadonlyMap<string, Uint8Array>): Promise<Result<ReturnType<typeof readSubmitResponse>>> {
    const parts: MimePart[] = request.stamped.map((s) => {
      const body = stampedBytes.get(s.contentId);
      if (!body) throw new Error(`No bytes for stamped rendition ${s.contentId}`);
      return { contentId: s.contentId, contentType: 'application/pdf', body };
    });
    const result = await this.#call('SubmitFilingReview', submitRequestElement(request), parts);
    return result.ok ? ok(readSubmitResponse(result.value.body)) : result;
  }

  /**
   * The court's policy answer (standard ECF GetPolicy): the court, its limits, and the code lists it itemizes with
   * their versions. The lists themselves are fetched with {@link fetchCodeList}, only when their version changed.
   */
  async getPolicy(): Promise<Result<PolicySummary>> {
    const result = await this.#call('GetPolicy', wrapStandardRequest('GetPolicy', policyRequestMessage(this.#header('POLICY-REQ'))));
    if (!result.ok) return result;
    const summary = readPolicyResponse(result.value.body);
    return summary.ok ? summary : err(appError('efm-bad-response', summary.error.message));
  }

  /**
   * One code list the policy points to, streamed as it arrives (a Genericode file or a zip of them, of any size).
   * `hint` is the ECF element the policy says it is for. A list that cannot be read is a failure naming the reason.
   */
  async fetchCodeList(location: string, hint: string | null): Promise<Result<CodeListBatch>> {
    if (!/^https?:\/\//.test(location)) return err(appError('efm-bad-response', `Code list location is not a web address: ${location.slice(0, 100)}`));
    const reader = new CodeListFileReader(basename(new URL(location).pathname) || 'code list', hint);
    let response;
    try {
      response = await httpPost({
        method: 'GET', url: location, headers: { Accept: 'application/xml, application/zip' }, body: Buffer.alloc(0),
        timeoutMs: this.#timeoutMs * 4, maxResponseBytes: maxCodeListBytes, onChunk: (chunk) => reader.write(chunk), ...this.#tls(),
      });
    } catch (error) {
      return err(transportError(error));
    }
    if (response.status !== 200) return err(appError('efm-bad-response', `Code list ${location} answered HTTP ${response.status}`));
    const batch = reader.end();
    const [problem] = batch.problems;
    return problem ? err(appError('efm-bad-response', `The court's code list ${problem.file} cannot be read: ${problem.reason}`)) : ok(batch);
  }

  /**
   * Existing cases with a party of one of these names (standard ECF GetCaseList, one query per name), so the
   * clerk assigning a new case is warned about a likely duplicate.
   */
  async findCases(partyNames: readonly string[], category: string | null): Promise<Result<CaseSummary[]>> {
    const found = new Map<string, CaseSummary>();
    for (const name of partyNames) {
      const header = this.#header('CASELIST-REQ');
      const result = await this.#call('GetCaseList', wrapStandardRequest('GetCaseList', caseListRequestMessage(header, name, category)));
      if (!result.ok) return result;
      for (const kase of readCaseListResponse(result.value.body)) found.set(kase.caseNumber, kase);
    }
    return ok([...found.values()]);
  }

  /** One existing case by number (standard ECF GetCase); null when the court has no such case. */
  async getCase(caseNumber: string): Promise<Result<CaseSummary | null>> {
    const header = this.#header('CASE-REQ');
    const result = await this.#call('GetCase', wrapStandardRequest('GetCase', caseRequestMessage(header, caseNumber)));
    return result.ok ? ok(readCaseResponse(result.value.body)) : result;
  }

  /**
   * Where a filing stands at the EFM (standard ECF GetFilingStatus): received, accepted or rejected, and whether
   * the court record docketed it. Used to learn the outcome of a submission whose answer was lost.
   */
  async getFilingStatus(caseNumber: string | null, filingId: string): Promise<Result<FilingStatus>> {
    const header = this.#header('STATUS-REQ');
    const result = await this.#call('GetFilingStatus', wrapStandardRequest('GetFilingStatus', filingStatusRequestMessage(header, caseNumber ?? '', filingId)));
    if (!result.ok) return result;
    const status = readFilingStatusResponse(result.value.body, filingId);
    return status ? ok(status) : err(appError('efm-bad-response', `The EFM's filing status answer for ${filingId} has no status`));
  }

  /** The header of a standard request: a fresh message id, and the court from the connection. */
  #header(prefix: string): ReviewHeader {
    return { messageId: `${prefix}-${randomUUID()}`, sendingMde: 'urn:clerk-review-desk', courtId: this.options.courtId || 'unknown', courtName: null, postedAt: new Date().toISOString() };
  }

  async #leaseCall(operation: ReviewOperation, body: XmlElement): Promise<Result<Lease>> {
    const result = await this.#call(operation, body);
    if (!result.ok) return result;
    const lease = readLease(result.value.body);
    return lease ? ok(lease) : err(appError('efm-bad-response', `The EFM answered ${operation} without a lease`));
  }

  /** TLS options: the court's CA, and the workstation's certificate for client authentication when signing is set up. */
  #tls(): Pick<Parameters<typeof httpPost>[0], 'ca' | 'clientCert'> {
    return { ...(this.options.ca ? { ca: this.options.ca } : {}), ...(this.options.signing ? { clientCert: this.options.signing } : {}) };
  }

  async #call(operation: Operation, body: XmlElement | RawXml, parts: readonly MimePart[] = [], fast?: FastRead): Promise<Result<{ body: Element; parts: ReadonlyMap<string, MimePart> }>> {
    const attempts = operationTable[operation].idempotent ? this.#retries + 1 : 1;
    let last: AppError = appError('efm-unreachable', 'The EFM was not called');
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.#sleep(Math.min(8000, 250 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5));
      const outcome = await this.#once(operation, body, parts, fast);
      if (outcome.ok) return outcome;
      last = outcome.error;
      if (!isRetryable(outcome.error)) break;
    }
    return err(last);
  }

  async #once(operation: Operation, body: XmlElement | RawXml, parts: readonly MimePart[], fast?: FastRead): Promise<Result<{ body: Element; parts: ReadonlyMap<string, MimePart> }>> {
    // A fresh WS-Security timestamp per attempt: a retried message must not look stale.
    const unsigned = soapEnvelope(body, [wsSecurityHeader(this.options.credentials)]);
    const xml = this.options.signing ? signSoapEnvelope(unsigned, this.options.signing) : unsigned;
    const encoded = parts.length > 0 ? encodeMtom(xml, parts) : { contentType: 'text/xml; charset=utf-8', body: Buffer.from(xml, 'utf8') };
    let response;
    try {
      response = await httpPost({
        url: operationUrl(this.options.endpoint, operation),
        headers: { 'Content-Type': encoded.contentType, SOAPAction: `"${operationTable[operation].soapAction}"`, Accept: 'text/xml, multipart/related' },
        body: encoded.body,
        timeoutMs: this.#timeoutMs,
        maxResponseBytes: this.#maxResponseBytes,
        ...this.#tls(),
      });
    } catch (error) {
      return err(transportError(error));
    }
    let rootXml: string;
    let responseParts: ReadonlyMap<string, MimePart> = new Map();
    // Only the SOAP part becomes a string; an MTOM document stays bytes (a 50 MB string would cost 100 MB).
    if (!isMultipartRelated(response.contentType)) {
      rootXml = response.body.toString('utf8');
      // The caller read the answer itself: the body it gets is a placeholder.
      if (response.status === 200 && fast?.(rootXml, Date.now())) return ok({ body: streamedBody, parts: responseParts });
    } else {
      const mtom = decodeMtom(response.contentType, response.body);
      if (!mtom.ok) return err(appError('efm-bad-response', `The EFM's MTOM answer is broken: ${mtom.error.message}`, { reason: mtom.error.kind }));
      rootXml = mtom.value.rootXml;
      responseParts = mtom.value.parts;
    }
    let message = readSoapEnvelope(rootXml);
    const receivedAt = Date.now();
    let timestamp = message.ok ? readWsSecurity(message.value.header) : null;
    if (message.ok && this.options.pinnedEfmCertPem) {
      // Act only on what was signed: the verified Body and Timestamp replace the ones in the document.
      const verified = verifySoapEnvelope(rootXml, this.options.pinnedEfmCertPem);
      if (!verified.ok) return err(appError('efm-bad-response', verified.error.message, { reason: `signature-${verified.error.kind}` }));
      if (!verified.value.timestamp) return err(appError('efm-bad-response', 'The EFM answer is signed, but not its timestamp', { reason: 'signature-timestamp' }));
      if (!isTimestampCurrent(verified.value.timestamp, receivedAt, this.options.maxClockSkewSeconds ?? 300)) {
        return err(appError('efm-bad-response', "The EFM's answer is out of date, or dated ahead of this workstation's clock: check the clock", { reason: 'stale-answer' }));
      }
      timestamp = { ...timestamp, ...verified.value.timestamp } as typeof timestamp;
      message = ok({ ...message.value, body: verified.value.body });
    }
    // The EFM's clock against this workstation's, on every answer that says when it was made.
    const created = Date.parse(timestamp?.created ?? '');
    if (!Number.isNaN(created)) this.options.onClock?.(created - receivedAt);
    if (!message.ok) {
      if (response.status >= 500) return err(appError('efm-unreachable', `The EFM answered HTTP ${response.status}`, { reason: `http-${response.status}` }));
      return err(appError('efm-bad-response', `The EFM's answer is not a SOAP message: ${message.error.message}`, { reason: message.error.kind }));
    }
    const fault = readSoapFault(message.value.body);
    if (fault) {
      const refused = fault.detail && firstChildElement(fault.detail) ? readMessageStatus(firstChildElement(fault.detail) as Element) : null;
      if (refused?.ok && !refused.value.ok) return err(refusalError(operation, refused.value, this.options.describeErrorCode));
      const detail = readFaultDetail(fault.detail);
      return err(appError(faultCode(detail?.code), detail?.text ?? fault.faultString, {
        ...(detail?.ecfErrorCode ? { ecfErrorCode: detail.ecfErrorCode } : {}),
        ...(detail?.code ? { reason: detail.code } : {}),
        ...(detail?.holder ? { holder: detail.holder } : {}),
      }));
    }
    const answer = message.value.body;
    const expected = operation === 'ReviewFiling4'
      ? isMessageReceipt4(answer)
      : isStandard(operation) ? isStandardResponse(answer) : isReviewResponse(answer);
    if (!expected) return err(appError('efm-bad-response', `Unexpected answer ${message.value.body.nodeName} to ${operation}`));
    // Standard operations answer refusals in the message (cbrn:MessageStatus), not as faults; ReviewFiling's caller
    // reads the status itself (it is the filer's receipt).
    if (isStandard(operation) && operation !== 'ReviewFiling') {
      const status = readMessageStatus(message.value.body);
      if (status.ok && !status.value.ok) return err(refusalError(operation, status.value, this.options.describeErrorCode));
    }
    return ok({ body: message.value.body, parts: responseParts });
  }
}

/**
 * A caller's own reader for an answer (one streaming pass instead of the DOM): true when it read it, false to leave it
 * to the DOM path (faults, anything unexpected).
 */
type FastRead = (xml: string, receivedAt: number) => boolean;

/** The body handed back when a {@link FastRead} took the answer: the caller has its value already. */
const streamedBody = (() => {
  const parsed = parseXml('<read-by-the-caller/>');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
})();

function isStandard(operation: Operation): operation is StandardOperation {
  return (standardOperations as readonly string[]).includes(operation);
}

/** The error for a standard operation the court refused in a cbrn:MessageStatus (error-codes.ts). */
/**
 * A refusal in words: the court's own text, else what the court's ErrorCodeText list says the code means (ECF 5.0
 * §4.5; `describe` reads the held policy), else the code itself.
 */
function refusalError(operation: Operation, status: MessageStatus, describe?: (code: string) => string | null): AppError {
  const code = status.errorCode === ecfErrorCodes.notFound ? 'not-found' : 'efm-fault';
  const listed = describe?.(status.errorCode);
  const text = status.errorText ?? (listed ? `The court refused this: ${listed}` : `The court refused ${operation} (ECF error ${status.errorCode})`);
  return appError(code, text, { ecfErrorCode: status.errorCode });
}

function faultCode(code: string | undefined): AppError['code'] {
  switch (code) {
    case 'claimed-by-other':
    case 'stale-fencing-token':
    case 'lease-expired':
    case 'already-decided':
    case 'cancelled':
      return 'conflict';
    case 'unauthorized':
      return 'unauthorized';
    case 'forbidden':
      return 'forbidden';
    case 'not-found':
      return 'not-found';
    default:
      return 'efm-fault';
  }
}

function transportError(error: unknown): AppError {
  if (error instanceof TransportError) {
    if (error.kind === 'timeout') return appError('efm-timeout', error.message, { reason: 'timeout' });
    if (error.kind === 'too-large') return appError('efm-bad-response', error.message, { reason: 'too-large' });
    return appError('efm-unreachable', error.message, { reason: error.kind });
  }
  return appError('efm-unreachable', `The EFM call failed: ${(error as Error).message}`);
}

function isRetryable(error: AppError): boolean {
  return error.code === 'efm-timeout' || (error.code === 'efm-unreachable' && error.reason !== 'tls');
}
