import type { Element } from '@xmldom/xmldom';
import { historyActions, type HistoryEvent } from '../domain/envelope-history';
import type { Lease, QueueItem, QueuePage, QueueRequest } from '../domain/review-queue';
import { children, child, firstChildElement, text, textAt } from '../xml/xml-query';
import { el, elAttrs, optional, rawXml, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

/**
 * Messages of our clerk-review extension service (schemas/clerk-review.xsd), both directions: the EFM client
 * writes requests and reads responses, the embedded simulator does the reverse. Elements are written in schema order.
 */
const { crd, xop, xmime } = ns;

/** The operations of the extension service. */
export const reviewOperations = [
  'GetReviewQueue', 'GetEnvelope', 'GetEnvelopeDocument', 'ClaimEnvelope', 'RenewClaim', 'ReleaseEnvelope', 'ReassignEnvelope', 'SubmitFilingReview', 'GetEnvelopeHistory', 'GetCmsZip',
  'WhoAmI', 'GetWorkload', 'GetDocketingExceptions', 'ResolveDocketingException', 'AnchorAuditLog', 'GetAuditAnchor',
] as const;

/** One of {@link reviewOperations}. */
export type ReviewOperation = (typeof reviewOperations)[number];

/** Fault codes of `crd:ReviewFault`. */
export type ReviewFaultCode = 'invalid-request' | 'unauthorized' | 'forbidden' | 'not-found' | 'claimed-by-other' | 'stale-fencing-token' | 'lease-expired' | 'already-decided' | 'cancelled' | 'invalid-ecf-message' | 'too-large' | 'internal';

/** A fault as the service reports it. */
export interface ReviewFault {
  readonly code: ReviewFaultCode;
  readonly text: string;
  readonly ecfErrorCode: string | null;
  readonly holder: string | null;
}

/** A decision as it travels in SubmitFilingReview. */
export interface WireDecision {
  readonly filingId: string;
  readonly outcome: 'accepted' | 'rejected';
  readonly reasonCode: string | null;
  readonly note: string | null;
  readonly correctedFilingCode: string | null;
  readonly decidedAt: string;
}

/** A decision the EFM already recorded (an earlier review episode), as GetEnvelope reports it. */
export interface RecordedDecision extends WireDecision {
  readonly reviewerId: string;
}

/** The case a clerk assigned to a new-case envelope, by code-list codes (or the court record system numbered). */
export interface WireAssignedCase {
  readonly caseNumber: string;
  readonly title: string;
  readonly courtLocation: string;
  readonly judge: string;
  /** Set when the court record system opened the case (CMS case assignment); absent: the clerk did. */
  readonly assignedBy?: 'record-system';
}

/** A stamp the service applies once the record system numbers the case: `stamp` is a DeferredStamp's JSON. */
export interface WireDeferredStamp {
  readonly documentId: string;
  readonly filingId: string;
  readonly stamp: string;
}

/** A stamped rendition in SubmitFilingReview; its bytes are the MTOM part `contentId`. */
export interface WireStampedRendition {
  readonly documentId: string;
  readonly sha256: string;
  readonly contentId: string;
}

/** A SubmitFilingReview request. */
export interface SubmitReviewRequest {
  readonly idempotencyKey: string;
  readonly envelopeId: string;
  readonly fencingToken: number;
  readonly decisions: readonly WireDecision[];
  /** The manual case assignment of a new case, sent with the first accepted filing. */
  readonly assignedCase: WireAssignedCase | null;
  readonly stamped: readonly WireStampedRendition[];
  /** Stamps owed until the court record system numbers the new case (the court numbers its cases itself). */
  readonly deferredStamps?: readonly WireDeferredStamp[];
}

/** Local name of the request element of an operation. */
export function requestElementName(operation: ReviewOperation): string {
  return `${operation}Request`;
}

/** The operation a request element names, or null. */
export function operationOfRequest(body: Element): ReviewOperation | null {
  const local = body.localName ?? '';
  if (body.namespaceURI !== crd || !local.endsWith('Request')) return null;
  const name = local.slice(0, -'Request'.length);
  return (reviewOperations as readonly string[]).includes(name) ? (name as ReviewOperation) : null;
}

/** `<xop:Include href="cid:…"/>` inside a content element, for MTOM. */
export function xopContent(contentId: string, contentType: string): XmlElement {
  return elAttrs(crd, 'Content', [{ ns: xmime, name: 'contentType', value: contentType }], elAttrs(xop, 'Include', [{ ns: null, name: 'href', value: `cid:${contentId}` }]));
}

/** The content id an MTOM content element points at, or null. */
export function readXopContentId(content: Element | null): string | null {
  const include = child(content, xop, 'Include');
  const href = include?.getAttribute('href') ?? '';
  return href.startsWith('cid:') ? decodeURIComponent(href.slice(4)) : null;
}

// ---- requests (client writes, simulator reads) ----

/** `crd:GetReviewQueueRequest`. */
export function queueRequestElement(request: QueueRequest): XmlElement {
  const f = request.filter;
  return el(crd, 'GetReviewQueueRequest',
    el(crd, 'Filter',
      f.courtLocations.map((v) => el(crd, 'CourtLocation', v)),
      f.caseCategories.map((v) => el(crd, 'CaseCategory', v)),
      optional(crd, 'CaseKind', f.caseKind),
      f.filingCodes.map((v) => el(crd, 'FilingCode', v)),
      optional(crd, 'SubmittedFrom', f.submittedFrom),
      optional(crd, 'SubmittedTo', f.submittedTo),
      optional(crd, 'FilerText', f.filerText),
      el(crd, 'Claim', f.claim)),
    el(crd, 'Sort', request.sort),
    el(crd, 'PageSize', String(request.pageSize)),
    optional(crd, 'Cursor', request.cursor),
    optional(crd, 'ChangedSince', request.changedSince));
}

/** Reads `crd:GetReviewQueueRequest` (already schema-shaped; values are checked by the caller's zod schema). */
export function readQueueRequest(request: Element): unknown {
  const filter = child(request, crd, 'Filter');
  const all = (name: string): string[] => children(filter, crd, name).map((e) => text(e) ?? '').filter(Boolean);
  return {
    filter: {
      courtLocations: all('CourtLocation'),
      caseCategories: all('CaseCategory'),
      caseKind: textAt(filter, [crd, 'CaseKind']),
      filingCodes: all('FilingCode'),
      submittedFrom: textAt(filter, [crd, 'SubmittedFrom']),
      submittedTo: textAt(filter, [crd, 'SubmittedTo']),
      filerText: textAt(filter, [crd, 'FilerText']),
      claim: textAt(filter, [crd, 'Claim']) ?? 'all',
    },
    sort: textAt(request, [crd, 'Sort']) ?? 'oldest-first',
    pageSize: Number(textAt(request, [crd, 'PageSize']) ?? 500),
    cursor: textAt(request, [crd, 'Cursor']),
    changedSince: textAt(request, [crd, 'ChangedSince']),
  };
}

/** A request carrying just an envelope id (GetEnvelope, ClaimEnvelope). */
export function envelopeRequestElement(operation: 'GetEnvelope' | 'ClaimEnvelope' | 'GetEnvelopeHistory' | 'GetCmsZip', envelopeId: string, leaseSeconds?: number): XmlElement {
  return el(crd, requestElementName(operation), el(crd, 'EnvelopeID', envelopeId), operation === 'ClaimEnvelope' && leaseSeconds ? el(crd, 'LeaseSeconds', String(leaseSeconds)) : null);
}

/**
 * A request carrying an envelope id and fencing token (RenewClaim, ReleaseEnvelope); a release may wait for a
 * submission (`afterSubmission`: its idempotency key).
 */
export function fencedRequestElement(operation: 'RenewClaim' | 'ReleaseEnvelope', envelopeId: string, fencingToken: number, afterSubmission: string | null = null): XmlElement {
  return el(crd, requestElementName(operation), el(crd, 'EnvelopeID', envelopeId), el(crd, 'FencingToken', String(fencingToken)), operation === 'ReleaseEnvelope' ? optional(crd, 'AfterSubmission', afterSubmission) : null);
}

/** `crd:ReassignEnvelopeRequest` (no clerk: back to the pool). */
export function reassignRequestElement(envelopeId: string, toClerk: string | null): XmlElement {
  return el(crd, 'ReassignEnvelopeRequest', el(crd, 'EnvelopeID', envelopeId), optional(crd, 'ToClerk', toClerk));
}

/** `crd:GetEnvelopeDocumentRequest`. */
export function documentRequestElement(envelopeId: string, documentId: string): XmlElement {
  return el(crd, 'GetEnvelopeDocumentRequest', el(crd, 'EnvelopeID', envelopeId), el(crd, 'DocumentID', documentId));
}

/** A `crd:DecisionType` element (Decision in a request, RecordedDecision with its reviewer in GetEnvelope). */
function decisionElement(name: 'Decision' | 'RecordedDecision', d: WireDecision, reviewerId: string | null): XmlElement {
  return el(crd, name,
    el(crd, 'FilingID', d.filingId),
    el(crd, 'Outcome', d.outcome),
    optional(crd, 'ReasonCode', d.reasonCode),
    optional(crd, 'NoteText', d.note),
    optional(crd, 'CorrectedFilingCode', d.correctedFilingCode),
    el(crd, 'DecidedDateTime', d.decidedAt),
    optional(crd, 'ReviewerID', reviewerId));
}

function readDecision(d: Element): WireDecision {
  return {
    filingId: textAt(d, [crd, 'FilingID']) ?? '',
    outcome: textAt(d, [crd, 'Outcome']) === 'rejected' ? 'rejected' : 'accepted',
    reasonCode: textAt(d, [crd, 'ReasonCode']),
    note: textAt(d, [crd, 'NoteText']),
    correctedFilingCode: textAt(d, [crd, 'CorrectedFilingCode']),
    decidedAt: textAt(d, [crd, 'DecidedDateTime']) ?? '',
  };
}

function assignedCaseElement(assigned: WireAssignedCase): XmlElement {
  return el(crd, 'AssignedCase', el(crd, 'CaseNumber', assigned.caseNumber), el(crd, 'CaseTitle', assigned.title), el(crd, 'CourtLocation', assigned.courtLocation), el(crd, 'Judge', assigned.judge), optional(crd, 'AssignedBy', assigned.assignedBy ?? null));
}

function readAssignedCase(assigned: Element | null): WireAssignedCase | null {
  if (!assigned) return null;
  const read = { caseNumber: textAt(assigned, [crd, 'CaseNumber']) ?? '', title: textAt(assigned, [crd, 'CaseTitle']) ?? '', courtLocation: textAt(assigned, [crd, 'CourtLocation']) ?? '', judge: textAt(assigned, [crd, 'Judge']) ?? '' };
  return textAt(assigned, [crd, 'AssignedBy']) === 'record-system' ? { ...read, assignedBy: 'record-system' } : read;
}

/** `crd:SubmitFilingReviewRequest`; stamped renditions go as MTOM parts. */
export function submitRequestElement(request: SubmitReviewRequest): XmlElement {
  return el(crd, 'SubmitFilingReviewRequest',
    el(crd, 'IdempotencyKey', request.idempotencyKey),
    el(crd, 'EnvelopeID', request.envelopeId),
    el(crd, 'FencingToken', String(request.fencingToken)),
    request.decisions.map((d) => decisionElement('Decision', d, null)),
    request.assignedCase ? assignedCaseElement(request.assignedCase) : null,
    request.stamped.map((s) => el(crd, 'StampedRendition', el(crd, 'DocumentID', s.documentId), el(crd, 'SHA256', s.sha256), xopContent(s.contentId, 'application/pdf'))),
    (request.deferredStamps ?? []).map((d) => el(crd, 'DeferredStamp', el(crd, 'DocumentID', d.documentId), el(crd, 'FilingID', d.filingId), el(crd, 'StampJSON', d.stamp))));
}

/**
 * Reads `crd:SubmitFilingReviewRequest`. It carries decisions, not ECF messages: the service writes RecordDocketing
 * and the filer's NotifyFilingReviewComplete itself, from what it recorded (seed 000 process #4, ECF 5.0 §6.1.10).
 */
export function readSubmitRequest(request: Element): SubmitReviewRequest {
  return {
    idempotencyKey: textAt(request, [crd, 'IdempotencyKey']) ?? '',
    envelopeId: textAt(request, [crd, 'EnvelopeID']) ?? '',
    fencingToken: Number(textAt(request, [crd, 'FencingToken']) ?? NaN),
    decisions: children(request, crd, 'Decision').map(readDecision),
    assignedCase: readAssignedCase(child(request, crd, 'AssignedCase')),
    stamped: children(request, crd, 'StampedRendition').map((s) => ({
      documentId: textAt(s, [crd, 'DocumentID']) ?? '',
      sha256: textAt(s, [crd, 'SHA256']) ?? '',
      contentId: readXopContentId(child(s, crd, 'Content')) ?? '',
    })),
    deferredStamps: children(request, crd, 'DeferredStamp').map((d) => ({
      documentId: textAt(d, [crd, 'DocumentID']) ?? '',
      filingId: textAt(d, [crd, 'FilingID']) ?? '',
      stamp: textAt(d, [crd, 'StampJSON']) ?? '',
    })),
  };
}

// ---- responses (simulator writes, client reads) ----

/** `crd:GetReviewQueueResponse`. */
export function queueResponseElement(page: QueuePage): XmlElement {
  return el(crd, 'GetReviewQueueResponse',
    el(crd, 'TotalCount', String(page.totalCount)),
    page.items.map(queueItemElement),
    page.removed.map((envelopeId) => el(crd, 'RemovedEnvelopeID', envelopeId)),
    optional(crd, 'NextCursor', page.nextCursor),
    optional(crd, 'ChangeToken', page.changeToken),
    el(crd, 'ChangesOnly', String(page.changesOnly)));
}

/**
 * The elements of a `crd:Item` (QueueItemType), in schema order, each with the queue item field it carries and how:
 * the one table the writer, the DOM reader and the streaming reader (queue-answer-stream.ts) share.
 */
export const queueItemFields = [
  { element: 'EnvelopeID', field: 'envelopeId', kind: 'text' },
  { element: 'SubmittedDateTime', field: 'submittedAt', kind: 'text' },
  { element: 'CourtLocation', field: 'courtLocation', kind: 'text' },
  { element: 'CaseNumber', field: 'caseNumber', kind: 'optional' },
  { element: 'NewCase', field: 'newCase', kind: 'boolean' },
  { element: 'CaseCategory', field: 'caseCategory', kind: 'text' },
  { element: 'CaseTitle', field: 'caseTitle', kind: 'optional' },
  { element: 'FilingCode', field: 'filingCodes', kind: 'list' },
  { element: 'FilerName', field: 'filerName', kind: 'optional' },
  { element: 'FilingCount', field: 'filingCount', kind: 'count' },
  { element: 'DecidedFilingCount', field: 'decidedCount', kind: 'tally' },
  { element: 'FirstDocumentID', field: 'firstDocumentId', kind: 'optional' },
  { element: 'ClaimedBy', field: 'claimedBy', kind: 'optional' },
  { element: 'ClaimExpiresDateTime', field: 'claimExpiresAt', kind: 'optional' },
] as const satisfies readonly { element: string; field: keyof QueueItem; kind: 'text' | 'optional' | 'boolean' | 'count' | 'tally' | 'list' }[];

/** `crd:Item`: one queue item, fields in schema order. */
export function queueItemElement(item: QueueItem): XmlElement {
  return el(crd, 'Item', queueItemFields.flatMap(({ element, field, kind }) => {
    const value = item[field];
    if (kind === 'list') return (value as readonly string[]).map((code) => el(crd, element, code));
    if (kind === 'optional') return [optional(crd, element, value as string | null)];
    if (kind === 'tally' && typeof value !== 'number') return [];
    return [el(crd, element, String(value))];
  }));
}

/**
 * A queue item from its elements' text (`text`: the first element of that name, trimmed, null when absent or empty;
 * `list`: every element of that name), as both readers find them.
 */
export function queueItemFrom(text: (element: string) => string | null, list: (element: string) => string[]): QueueItem {
  const item: Record<string, unknown> = {};
  for (const { element, field, kind } of queueItemFields) {
    const value = text(element);
    // A count is at least 1 (FilingCount); a tally may be absent (older services): none.
    item[field] = kind === 'list' ? list(element) : kind === 'optional' ? value : kind === 'boolean' ? value === 'true'
      : kind === 'count' ? Number(value ?? 1) : kind === 'tally' ? Number(value ?? 0) : (value ?? '');
  }
  return item as unknown as QueueItem;
}

/** Reads `crd:GetReviewQueueResponse`. */
export function readQueueResponse(response: Element): QueuePage {
  return {
    totalCount: Number(textAt(response, [crd, 'TotalCount']) ?? 0),
    items: children(response, crd, 'Item').map((item) => queueItemFrom(
      (name) => textAt(item, [crd, name]),
      (name) => children(item, crd, name).map((e) => text(e) ?? ''),
    )),
    nextCursor: textAt(response, [crd, 'NextCursor']),
    changeToken: textAt(response, [crd, 'ChangeToken']),
    changesOnly: textAt(response, [crd, 'ChangesOnly']) === 'true',
    removed: children(response, crd, 'RemovedEnvelopeID').map((e) => text(e) ?? '').filter(Boolean),
  };
}

/** `crd:LeaseResponse`. */
export function leaseResponseElement(lease: Lease | null): XmlElement {
  return el(crd, 'LeaseResponse', lease ? el(crd, 'Lease',
    el(crd, 'EnvelopeID', lease.envelopeId), el(crd, 'Holder', lease.holder), el(crd, 'ExpiresDateTime', lease.expiresAt), el(crd, 'FencingToken', String(lease.fencingToken))) : null);
}

/** Reads a `crd:Lease` (from LeaseResponse or GetEnvelopeResponse), or null. */
export function readLease(parent: Element): Lease | null {
  const lease = child(parent, crd, 'Lease');
  if (!lease) return null;
  return {
    envelopeId: textAt(lease, [crd, 'EnvelopeID']) ?? '',
    holder: textAt(lease, [crd, 'Holder']) ?? '',
    expiresAt: textAt(lease, [crd, 'ExpiresDateTime']) ?? '',
    fencingToken: Number(textAt(lease, [crd, 'FencingToken']) ?? NaN),
  };
}

/** `crd:ReviewFault`, the detail of every fault. */
export function faultDetailElement(fault: ReviewFault): XmlElement {
  return el(crd, 'ReviewFault', el(crd, 'Code', fault.code), el(crd, 'Text', fault.text), optional(crd, 'ECFErrorCode', fault.ecfErrorCode), optional(crd, 'Holder', fault.holder));
}

/** Reads `crd:ReviewFault` from a fault's detail, or null. */
export function readFaultDetail(detail: Element | null): ReviewFault | null {
  const fault = child(detail, crd, 'ReviewFault');
  if (!fault) return null;
  return { code: (textAt(fault, [crd, 'Code']) ?? 'internal') as ReviewFaultCode, text: textAt(fault, [crd, 'Text']) ?? '', ecfErrorCode: textAt(fault, [crd, 'ECFErrorCode']), holder: textAt(fault, [crd, 'Holder']) };
}

/** A document an envelope carries, as GetEnvelope lists it. */
export interface DocumentInfo {
  readonly documentId: string;
  readonly contentType: string;
  readonly sizeBytes: number | null;
  readonly sha256: string | null;
}

/** What GetEnvelope returns before parsing the embedded ECF messages. */
export interface EnvelopeResponse {
  readonly envelopeId: string;
  readonly courtLocation: string;
  readonly filingMessage: Element | null;
  readonly paymentMessage: Element | null;
  readonly documents: readonly DocumentInfo[];
  readonly lease: Lease | null;
  /** Filings decided in earlier review episodes. */
  readonly recorded: readonly RecordedDecision[];
  /** The case assigned when a filing of this new case was first accepted. */
  readonly assignedCase: WireAssignedCase | null;
  /** The filer cancelled the envelope (ECF 5.0 §6.1.7). */
  readonly cancelled: boolean;
  /** A filing of this new case was accepted and the court record system has not numbered the case yet. */
  readonly caseNumberPending?: boolean;
}

/** `crd:GetEnvelopeResponse` with the FilingMessage (and PaymentMessage) embedded unchanged. */
export function envelopeResponseElement(response: Omit<EnvelopeResponse, 'filingMessage' | 'paymentMessage'> & { filingMessageXml: string; paymentMessageXml: string | null }): XmlElement {
  return el(crd, 'GetEnvelopeResponse',
    el(crd, 'EnvelopeID', response.envelopeId),
    el(crd, 'CourtLocation', response.courtLocation),
    el(crd, 'FilingMessage', rawXml(response.filingMessageXml)),
    response.paymentMessageXml ? el(crd, 'PaymentMessage', rawXml(response.paymentMessageXml)) : null,
    response.documents.map((d) => el(crd, 'Document', el(crd, 'DocumentID', d.documentId), el(crd, 'ContentType', d.contentType), d.sizeBytes === null ? null : el(crd, 'SizeBytes', String(d.sizeBytes)), optional(crd, 'SHA256', d.sha256))),
    response.lease ? leaseResponseElement(response.lease).children[0] : null,
    response.recorded.map((d) => decisionElement('RecordedDecision', d, d.reviewerId)),
    response.assignedCase ? assignedCaseElement(response.assignedCase) : null,
    response.cancelled ? el(crd, 'Cancelled', 'true') : null,
    response.caseNumberPending ? el(crd, 'CaseNumberPending', 'true') : null);
}

/** Reads `crd:GetEnvelopeResponse`. */
export function readEnvelopeResponse(response: Element): EnvelopeResponse {
  return {
    envelopeId: textAt(response, [crd, 'EnvelopeID']) ?? '',
    courtLocation: textAt(response, [crd, 'CourtLocation']) ?? '',
    filingMessage: firstChildElement(child(response, crd, 'FilingMessage')),
    paymentMessage: firstChildElement(child(response, crd, 'PaymentMessage')),
    documents: children(response, crd, 'Document').map((d) => ({
      documentId: textAt(d, [crd, 'DocumentID']) ?? '',
      contentType: textAt(d, [crd, 'ContentType']) ?? 'application/octet-stream',
      sizeBytes: textAt(d, [crd, 'SizeBytes']) === null ? null : Number(textAt(d, [crd, 'SizeBytes'])),
      sha256: textAt(d, [crd, 'SHA256']),
    })),
    lease: readLease(response),
    recorded: children(response, crd, 'RecordedDecision').map((d) => ({ ...readDecision(d), reviewerId: textAt(d, [crd, 'ReviewerID']) ?? '' })),
    assignedCase: readAssignedCase(child(response, crd, 'AssignedCase')),
    cancelled: textAt(response, [crd, 'Cancelled']) === 'true',
    caseNumberPending: textAt(response, [crd, 'CaseNumberPending']) === 'true',
  };
}

/** `crd:GetEnvelopeDocumentResponse`; the bytes are the MTOM part `contentId`. */
export function documentResponseElement(document: { documentId: string; contentType: string; sizeBytes: number; sha256: string; contentId: string }): XmlElement {
  return el(crd, 'GetEnvelopeDocumentResponse',
    el(crd, 'DocumentID', document.documentId),
    el(crd, 'ContentType', document.contentType),
    el(crd, 'SizeBytes', String(document.sizeBytes)),
    el(crd, 'SHA256', document.sha256),
    xopContent(document.contentId, document.contentType));
}

/** Reads `crd:GetEnvelopeDocumentResponse`: metadata and the content id of its MTOM part. */
export function readDocumentResponse(response: Element): { documentId: string; contentType: string; sizeBytes: number; sha256: string; contentId: string | null } {
  return {
    documentId: textAt(response, [crd, 'DocumentID']) ?? '',
    contentType: textAt(response, [crd, 'ContentType']) ?? 'application/octet-stream',
    sizeBytes: Number(textAt(response, [crd, 'SizeBytes']) ?? NaN),
    sha256: textAt(response, [crd, 'SHA256']) ?? '',
    contentId: readXopContentId(child(response, crd, 'Content')),
  };
}

/** `crd:SubmitFilingReviewResponse`. */
export function submitResponseElement(result: { result: 'applied' | 'duplicate'; appliedAt: string; envelopeComplete: boolean }): XmlElement {
  return el(crd, 'SubmitFilingReviewResponse', el(crd, 'Result', result.result), el(crd, 'AppliedDateTime', result.appliedAt), el(crd, 'EnvelopeComplete', String(result.envelopeComplete)));
}

/** Reads `crd:SubmitFilingReviewResponse`. */
export function readSubmitResponse(response: Element): { result: 'applied' | 'duplicate'; appliedAt: string; envelopeComplete: boolean } {
  return {
    result: textAt(response, [crd, 'Result']) === 'duplicate' ? 'duplicate' : 'applied',
    appliedAt: textAt(response, [crd, 'AppliedDateTime']) ?? '',
    envelopeComplete: textAt(response, [crd, 'EnvelopeComplete']) === 'true',
  };
}

/** `crd:GetCmsZipResponse`: the zip's name, how many documents it holds, and its bytes as the MTOM part `contentId`. */
export function cmsZipResponseElement(zip: { fileName: string; documentCount: number; sizeBytes: number; sha256: string; contentId: string }): XmlElement {
  return el(crd, 'GetCmsZipResponse',
    el(crd, 'FileName', zip.fileName),
    el(crd, 'DocumentCount', String(zip.documentCount)),
    el(crd, 'SizeBytes', String(zip.sizeBytes)),
    el(crd, 'SHA256', zip.sha256),
    xopContent(zip.contentId, 'application/zip'));
}

/** Reads `crd:GetCmsZipResponse`. */
export function readCmsZipResponse(response: Element): { fileName: string; documentCount: number; sha256: string; contentId: string | null } {
  return {
    fileName: textAt(response, [crd, 'FileName']) ?? 'envelope.zip',
    documentCount: Number(textAt(response, [crd, 'DocumentCount']) ?? 0),
    sha256: textAt(response, [crd, 'SHA256']) ?? '',
    contentId: readXopContentId(child(response, crd, 'Content')),
  };
}

/** `crd:GetEnvelopeHistoryResponse`. */
export function historyResponseElement(events: readonly HistoryEvent[]): XmlElement {
  return el(crd, 'GetEnvelopeHistoryResponse', events.map((event) =>
    el(crd, 'Event', el(crd, 'EventDateTime', event.at), el(crd, 'Actor', event.actor), el(crd, 'Action', event.action), optional(crd, 'DetailText', event.detail))));
}

/** Reads `crd:GetEnvelopeHistoryResponse`; unknown actions are dropped rather than mislabelled. */
export function readHistoryResponse(response: Element): HistoryEvent[] {
  return children(response, crd, 'Event').flatMap((event) => {
    const action = textAt(event, [crd, 'Action']);
    if (!action || !(historyActions as readonly string[]).includes(action)) return [];
    return [{ at: textAt(event, [crd, 'EventDateTime']) ?? '', actor: textAt(event, [crd, 'Actor']) ?? '', action: action as HistoryEvent['action'], detail: textAt(event, [crd, 'DetailText']) }];
  });
}

/** The identifying fields a clerk-review request carries (whichever of them its operation has). */
export interface ReviewRequestFields {
  readonly envelopeId: string;
  readonly fencingToken: number;
  readonly documentId: string;
  readonly leaseSeconds: number | null;
  readonly toClerk: string | null;
  /** ReleaseEnvelope: release once this submission is applied. */
  readonly afterSubmission: string | null;
}

/** Reads the envelope id, fencing token, document id, lease length and target clerk of a request. */
export function readReviewRequestFields(request: Element): ReviewRequestFields {
  const seconds = textAt(request, [crd, 'LeaseSeconds']);
  return {
    envelopeId: textAt(request, [crd, 'EnvelopeID']) ?? '',
    fencingToken: Number(textAt(request, [crd, 'FencingToken']) ?? NaN),
    documentId: textAt(request, [crd, 'DocumentID']) ?? '',
    leaseSeconds: seconds === null ? null : Number(seconds),
    toClerk: textAt(request, [crd, 'ToClerk']),
    afterSubmission: textAt(request, [crd, 'AfterSubmission']),
  };
}

/** True when a SOAP body is an answer of the clerk-review service. */
export function isReviewResponse(body: Element): boolean {
  return body.namespaceURI === crd;
}
