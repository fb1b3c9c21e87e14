import { reviewOperations, type ReviewOperation } from './clerk-review-service';
import { standardOperations, type StandardOperation } from './standard-operations';
import { getCaseListAction4, notifyDocketingCompleteAction4, recordFilingAction4, reviewFilingAction4, type Ecf4Operation } from '../ecf4/ecf4-operations';

/**
 * Every operation the desktop and the Filing Review service exchange, one row each: which endpoint serves it, the
 * SOAPAction its WSDL binds it to, and whether a client may send it again after an unknown outcome. The client picks
 * its URL and SOAPAction here; the service routes and checks SOAPAction from the same rows.
 */

/** The service's endpoints: one per ECF 5.0 MDE it implements, ECF 4.0 filers' FilingReviewMDE, the extension. */
export type EndpointName = 'FilingReviewMDE' | 'CourtPolicyMDE' | 'CourtRecordMDE' | 'ClerkReview' | 'FilingReviewMDE4' | 'CourtRecordMDE4';

/** The fixed path of each endpoint under the service's base URL. */
export const endpointPaths: Readonly<Record<EndpointName, string>> = {
  FilingReviewMDE: '/FilingReviewMDE',
  CourtPolicyMDE: '/CourtPolicyMDE',
  CourtRecordMDE: '/CourtRecordMDE',
  ClerkReview: '/clerk-review',
  // Named as Tyler's ECF 4 ports are; no other endpoint's path is a suffix of it.
  FilingReviewMDE4: '/ecf4/FilingReviewMDEPort',
  // An ECF 4.0 record system's port (the demo record system serves it); the service itself does not.
  CourtRecordMDE4: '/ecf4/CourtRecordMDEPort',
};

/** An endpoint the Filing Review service itself serves. */
export type ServedEndpoint = Exclude<EndpointName, 'CourtRecordMDE4'>;

/** The endpoints the Filing Review service itself serves (an ECF 4 record system serves CourtRecordMDE4). */
export const servedEndpoints: readonly ServedEndpoint[] = ['FilingReviewMDE', 'CourtPolicyMDE', 'CourtRecordMDE', 'ClerkReview', 'FilingReviewMDE4'];

/** Any operation of the table. */
export type Operation = ReviewOperation | StandardOperation | Ecf4Operation;

/** One operation's row. */
export interface OperationRow {
  readonly operation: Operation;
  readonly endpoint: EndpointName;
  readonly soapAction: string;
  /** Safe to send again after a timeout or reset: same request, same effect. */
  readonly idempotent: boolean;
}

const oasisWsdl = 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0WSDL';
const extensionAction = 'urn:clerk-review-desk:review:1.0';

const standardEndpoint: Readonly<Record<StandardOperation, EndpointName>> = {
  GetPolicy: 'CourtPolicyMDE',
  GetCase: 'CourtRecordMDE',
  GetCaseList: 'CourtRecordMDE',
  GetFilingStatus: 'FilingReviewMDE',
  ReviewFiling: 'FilingReviewMDE',
  CancelFiling: 'FilingReviewMDE',
  GetFilingList: 'FilingReviewMDE',
  // Served by the court record system (the CMS's CourtRecordMDE), called by the Filing Review service.
  RecordDocketing: 'CourtRecordMDE',
  // The record system's callback to the Filing Review MDE.
  NotifyDocketingComplete: 'FilingReviewMDE',
  // CMS case assignment (seed 000): the service asks the record system to open a new case, which answers by callback.
  DocumentStampInformation: 'CourtRecordMDE',
  NotifyDocumentStampInformation: 'FilingReviewMDE',
  // A docketed document from the court record system (seed 001 §6.1.15), passed through by the service.
  GetDocument: 'CourtRecordMDE',
};

// Not idempotent: ReviewFiling (a resend is answered the same only when the filer reuses its ids), ReassignEnvelope
// (every call moves the fencing token), SubmitFilingReview (after an unknown outcome the delivery asks the filing
// status before sending again), ResolveDocketingException (a retry would docket again) and RecordDocketing (a record
// system that does not deduplicate by message id would docket twice; the service resends with the same id).
const notIdempotent: ReadonlySet<Operation> = new Set([
  'ReviewFiling', 'ReviewFiling4', 'ReassignEnvelope', 'SubmitFilingReview', 'ResolveDocketingException', 'RecordDocketing', 'RecordFiling4',
]);

/** The table, by operation. */
export const operationTable: Readonly<Record<Operation, OperationRow>> = Object.fromEntries([
  ...standardOperations.map((operation) => [operation, {
    operation,
    endpoint: standardEndpoint[operation],
    soapAction: `${oasisWsdl}/${standardEndpoint[operation]}/${operation}`,
    idempotent: !notIdempotent.has(operation),
  }]),
  ...reviewOperations.map((operation) => [operation, {
    operation,
    endpoint: 'ClerkReview',
    soapAction: `${extensionAction}:${operation}`,
    idempotent: !notIdempotent.has(operation),
  }]),
  ['ReviewFiling4', { operation: 'ReviewFiling4', endpoint: 'FilingReviewMDE4', soapAction: reviewFilingAction4, idempotent: false }],
  // As RecordDocketing: a record system that does not deduplicate would docket twice.
  ['RecordFiling4', { operation: 'RecordFiling4', endpoint: 'CourtRecordMDE4', soapAction: recordFilingAction4, idempotent: false }],
  ['GetCaseList4', { operation: 'GetCaseList4', endpoint: 'CourtRecordMDE4', soapAction: getCaseListAction4, idempotent: true }],
  ['NotifyDocketingComplete4', { operation: 'NotifyDocketingComplete4', endpoint: 'FilingReviewMDE4', soapAction: notifyDocketingCompleteAction4, idempotent: true }],
]) as Record<Operation, OperationRow>;

/**
 * The base URL of a service from the connection setting. Earlier versions stored the extension's own URL
 * (`…/clerk-review`); both forms name the same service.
 */
export function serviceBaseUrl(connectionUrl: string): string {
  const withoutQuery = connectionUrl.replace(/[?#].*$/s, '').replace(/\/+$/, '');
  const endpoint = Object.values(endpointPaths).find((candidate) => withoutQuery.endsWith(candidate));
  return endpoint ? withoutQuery.slice(0, -endpoint.length) : withoutQuery;
}

/** The URL an operation is sent to. */
export function operationUrl(connectionUrl: string, operation: Operation): string {
  return `${serviceBaseUrl(connectionUrl)}${endpointPaths[operationTable[operation].endpoint]}`;
}

/** The service's endpoint served at a path, or null. */
export function endpointAt(pathname: string): EndpointName | null {
  const path = pathname.replace(/\/+$/, '');
  return servedEndpoints.find((name) => path.endsWith(endpointPaths[name])) ?? null;
}
