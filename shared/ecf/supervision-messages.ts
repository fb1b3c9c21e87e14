import type { Element } from '@xmldom/xmldom';
import type { ActiveClaim, DocketingException, HeldClaim, Identity, ReviewRecord, WhoAmI, WorkloadSnapshot } from '../domain/supervision';
import { children, child, textAt } from '../xml/xml-query';
import { el, optional, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

/**
 * The supervision operations of our clerk-review extension service (schemas/clerk-review.xsd): who am I, workload,
 * and the docketing exception queue. Both directions, like clerk-review-service.ts; elements in schema order.
 */
const { crd } = ns;

/** `crd:WhoAmIRequest` (no content: the WS-Security user is the subject). */
export function whoAmIRequestElement(): XmlElement {
  return el(crd, 'WhoAmIRequest');
}

function identityElement(name: 'WhoAmIResponse' | 'User', identity: Identity): XmlElement {
  return el(crd, name, el(crd, 'UserID', identity.userId), el(crd, 'DisplayName', identity.displayName), el(crd, 'Role', identity.role));
}

function readIdentity(element: Element | null): Identity | null {
  const userId = textAt(element, [crd, 'UserID']);
  const role = textAt(element, [crd, 'Role']);
  if (!userId || (role !== 'clerk' && role !== 'supervisor')) return null;
  return { userId, displayName: textAt(element, [crd, 'DisplayName']) ?? userId, role };
}

/** `crd:WhoAmIResponse`: the user, and the envelopes they hold now. */
export function whoAmIResponseElement(identity: Identity, heldClaims: readonly HeldClaim[]): XmlElement {
  return el(crd, 'WhoAmIResponse', identityElement('User', identity).children,
    heldClaims.map((claim) => el(crd, 'HeldClaim', el(crd, 'EnvelopeID', claim.envelopeId), el(crd, 'FencingToken', String(claim.fencingToken)))));
}

/** Reads `crd:WhoAmIResponse`; null when it does not name a user with a known role. */
export function readWhoAmIResponse(response: Element): WhoAmI | null {
  const identity = readIdentity(response);
  if (!identity) return null;
  const heldClaims = children(response, crd, 'HeldClaim').flatMap((claim) => {
    const envelopeId = textAt(claim, [crd, 'EnvelopeID']);
    const fencingToken = Number(textAt(claim, [crd, 'FencingToken']));
    return envelopeId && Number.isSafeInteger(fencingToken) ? [{ envelopeId, fencingToken }] : [];
  });
  return { ...identity, heldClaims };
}

/** `crd:GetWorkloadRequest` for decisions in [from, to). */
export function workloadRequestElement(from: string, to: string): XmlElement {
  return el(crd, 'GetWorkloadRequest', el(crd, 'FromDateTime', from), el(crd, 'ToDateTime', to));
}

/** Reads `crd:GetWorkloadRequest`. */
export function readWorkloadRequest(request: Element): { from: string; to: string } {
  return { from: textAt(request, [crd, 'FromDateTime']) ?? '', to: textAt(request, [crd, 'ToDateTime']) ?? '' };
}

/** `crd:GetWorkloadResponse`. */
export function workloadResponseElement(snapshot: WorkloadSnapshot): XmlElement {
  return el(crd, 'GetWorkloadResponse',
    snapshot.clerks.map((user) => identityElement('User', user)),
    snapshot.claims.map((claim) => el(crd, 'Claim', el(crd, 'EnvelopeID', claim.envelopeId), el(crd, 'Holder', claim.holder), el(crd, 'ClaimedDateTime', claim.claimedAt), el(crd, 'ExpiresDateTime', claim.expiresAt))),
    snapshot.reviews.map((review) => el(crd, 'Review',
      el(crd, 'EnvelopeID', review.envelopeId),
      el(crd, 'FilingID', review.filingId),
      el(crd, 'ClerkID', review.clerk),
      el(crd, 'Outcome', review.outcome),
      optional(crd, 'ReasonCode', review.reasonCode),
      optional(crd, 'ClaimedDateTime', review.claimedAt),
      el(crd, 'DecidedDateTime', review.decidedAt),
      optional(crd, 'FilingCode', review.filingCode),
      optional(crd, 'CorrectedFilingCode', review.correctedFilingCode),
      optional(crd, 'CourtLocation', review.courtLocation))));
}

/** Reads `crd:GetWorkloadResponse`. */
export function readWorkloadResponse(response: Element): WorkloadSnapshot {
  return {
    clerks: children(response, crd, 'User').map(readIdentity).filter((user): user is Identity => user !== null),
    claims: children(response, crd, 'Claim').map((claim): ActiveClaim => ({
      envelopeId: textAt(claim, [crd, 'EnvelopeID']) ?? '',
      holder: textAt(claim, [crd, 'Holder']) ?? '',
      claimedAt: textAt(claim, [crd, 'ClaimedDateTime']) ?? '',
      expiresAt: textAt(claim, [crd, 'ExpiresDateTime']) ?? '',
    })),
    reviews: children(response, crd, 'Review').map((review): ReviewRecord => ({
      envelopeId: textAt(review, [crd, 'EnvelopeID']) ?? '',
      filingId: textAt(review, [crd, 'FilingID']) ?? '',
      clerk: textAt(review, [crd, 'ClerkID']) ?? '',
      outcome: textAt(review, [crd, 'Outcome']) === 'rejected' ? 'rejected' : 'accepted',
      reasonCode: textAt(review, [crd, 'ReasonCode']),
      claimedAt: textAt(review, [crd, 'ClaimedDateTime']),
      decidedAt: textAt(review, [crd, 'DecidedDateTime']) ?? '',
      filingCode: textAt(review, [crd, 'FilingCode']),
      correctedFilingCode: textAt(review, [crd, 'CorrectedFilingCode']),
      courtLocation: textAt(review, [crd, 'CourtLocation']),
    })),
  };
}

/** `crd:GetDocketingExceptionsRequest`. */
export function exceptionsRequestElement(includeHandled: boolean): XmlElement {
  return el(crd, 'GetDocketingExceptionsRequest', el(crd, 'IncludeHandled', String(includeHandled)));
}

/** Reads `crd:GetDocketingExceptionsRequest`. */
export function readExceptionsRequest(request: Element): { includeHandled: boolean } {
  return { includeHandled: textAt(request, [crd, 'IncludeHandled']) === 'true' };
}

function exceptionElement(exception: DocketingException): XmlElement {
  return el(crd, 'Exception',
    el(crd, 'ExceptionID', exception.exceptionId),
    el(crd, 'EnvelopeID', exception.envelopeId),
    el(crd, 'FilingID', exception.filingId),
    el(crd, 'ReasonText', exception.reason),
    el(crd, 'RaisedDateTime', exception.at),
    el(crd, 'Status', exception.status),
    optional(crd, 'NoteText', exception.note),
    optional(crd, 'HandledBy', exception.handledBy));
}

function readException(element: Element): DocketingException {
  const status = textAt(element, [crd, 'Status']);
  return {
    exceptionId: textAt(element, [crd, 'ExceptionID']) ?? '',
    envelopeId: textAt(element, [crd, 'EnvelopeID']) ?? '',
    filingId: textAt(element, [crd, 'FilingID']) ?? '',
    reason: textAt(element, [crd, 'ReasonText']) ?? '',
    at: textAt(element, [crd, 'RaisedDateTime']) ?? '',
    status: status === 'retried' || status === 'resolved' ? status : 'open',
    note: textAt(element, [crd, 'NoteText']),
    handledBy: textAt(element, [crd, 'HandledBy']),
  };
}

/** `crd:GetDocketingExceptionsResponse`. */
export function exceptionsResponseElement(exceptions: readonly DocketingException[]): XmlElement {
  return el(crd, 'GetDocketingExceptionsResponse', exceptions.map(exceptionElement));
}

/** Reads `crd:GetDocketingExceptionsResponse`. */
export function readExceptionsResponse(response: Element): DocketingException[] {
  return children(response, crd, 'Exception').map(readException);
}

/** `crd:ResolveDocketingExceptionRequest`: retry the docketing, or mark it resolved by hand, with a note. */
export function resolveExceptionRequestElement(exceptionId: string, action: 'retry' | 'resolve', note: string): XmlElement {
  return el(crd, 'ResolveDocketingExceptionRequest', el(crd, 'ExceptionID', exceptionId), el(crd, 'Action', action), el(crd, 'NoteText', note));
}

/** Reads `crd:ResolveDocketingExceptionRequest`. */
export function readResolveExceptionRequest(request: Element): { exceptionId: string; action: 'retry' | 'resolve' | null; note: string } {
  const action = textAt(request, [crd, 'Action']);
  return { exceptionId: textAt(request, [crd, 'ExceptionID']) ?? '', action: action === 'retry' || action === 'resolve' ? action : null, note: textAt(request, [crd, 'NoteText']) ?? '' };
}

/** `crd:ResolveDocketingExceptionResponse`. */
export function resolveExceptionResponseElement(exception: DocketingException): XmlElement {
  return el(crd, 'ResolveDocketingExceptionResponse', exceptionElement(exception));
}

/** Reads `crd:ResolveDocketingExceptionResponse`. */
export function readResolveExceptionResponse(response: Element): DocketingException | null {
  const exception = child(response, crd, 'Exception');
  return exception ? readException(exception) : null;
}
