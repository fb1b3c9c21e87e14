import { appError } from '../../shared/errors';
import { checkCaseAssignment } from '../../shared/domain/case-assignment';
import { awaitsRecordSystemNumber, rejectionReasonAllowed, type CourtPolicy } from '../../shared/domain/court-policy';
import type { ReviewDecision } from '../../shared/domain/review-decision';
import type { EnvelopeDetail, RecordedDecision } from '../../shared/ipc/efm-schemas';
import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import type { StampedRendition } from '../../shared/ecf/review-parts';
import type { WireAssignedCase } from '../../shared/ecf/clerk-review-service';
import { err, ok, type Result } from '../../shared/result';

/** The ECF messages and facts of one review episode. */
export interface ComposedReview {
  readonly decisions: readonly ReviewDecision[];
  readonly stamped: readonly StampedRendition[];
  /** The case assignment to send with this episode (the one that opens a new case), else null. */
  readonly newAssignment: WireAssignedCase | null;
  readonly complete: boolean;
}

/**
 * Checks the clerk's decisions of one episode against the envelope and the court's policy and turns them into what
 * is submitted: the decisions, the case assignment that opens a new case, and the stamped renditions. The service
 * writes the ECF messages itself (RecordDocketing, the CMS zip, and the filer's NotifyFilingReviewComplete after
 * docketing). `earlier` and `caseOnRecord` are what earlier
 * episodes left: decisions already applied, and the case they opened.
 */
export function composeReview(input: {
  detail: EnvelopeDetail & { filingMessageXml: string };
  policy: CourtPolicy;
  clerk: { id: string; name: string };
  args: SubmitReviewArgs;
  earlier: readonly RecordedDecision[];
  caseOnRecord: WireAssignedCase | null;
  /** The court record system is numbering this new case (an earlier episode accepted a filing of it). */
  caseNumberPending?: boolean;
}): Result<ComposedReview> {
  const { detail, policy, clerk, args } = input;
  const envelope = detail.envelope;
  const unknown = args.decisions.find((d) => !envelope.filings.some((f) => f.id === d.filingId));
  if (unknown) return err(appError('invalid-arguments', `Envelope ${args.envelopeId} has no filing ${unknown.filingId}`));
  // Multi-episode review: filings decided earlier stay decided; this episode adds to them.
  const again = args.decisions.find((d) => input.earlier.some((r) => r.filingId === d.filingId));
  if (again) {
    const earlier = input.earlier.find((r) => r.filingId === again.filingId);
    return err(appError('conflict', `Filing ${again.filingId} was already ${earlier?.outcome ?? 'decided'} by ${earlier?.reviewerId ?? 'another clerk'}`));
  }
  const decisions: ReviewDecision[] = args.decisions.map((d) => ({ ...d, envelopeId: args.envelopeId, reviewer: clerk.id, decidedAt: args.decidedAt }));
  const badReason = decisions.find((d) => d.outcome === 'rejected' && !rejectionReasonAllowed(policy, d.reasonCode));
  if (badReason) return err(appError('invalid-arguments', 'Choose one of the court\'s rejection reasons', { field: 'reasonCode' }));
  const accepted = decisions.filter((d): d is Extract<ReviewDecision, { outcome: 'accepted' }> => d.outcome === 'accepted');
  if (input.caseOnRecord && args.caseAssignment && args.caseAssignment.caseNumber !== input.caseOnRecord.caseNumber) {
    return err(appError('conflict', `This new case was already opened as ${input.caseOnRecord.caseNumber}`, { field: 'caseNumber' }));
  }
  // Seed 000, CMS Case Assignment: the record system numbers the case; the clerk sends none and stamps wait for it.
  const numberedByRecordSystem = awaitsRecordSystemNumber(policy, envelope.case, { caseOpened: input.caseOnRecord !== null, numberPending: input.caseNumberPending === true });
  if (numberedByRecordSystem && args.caseAssignment) return err(appError('invalid-arguments', "This court's record system numbers new cases: leave the case number to it", { field: 'caseNumber' }));
  if (!numberedByRecordSystem && (args.deferredStamps ?? []).length > 0) return err(appError('invalid-arguments', 'Stamps wait for a case number only where the court record system numbers new cases'));
  const assignment = input.caseOnRecord ?? args.caseAssignment;
  if (assignment && input.caseOnRecord?.assignedBy !== 'record-system') {
    // The record system's case stands as it opened it; the clerk's is checked against the court's lists.
    const { caseNumber, courtLocation, judge, title } = assignment;
    const [issue] = checkCaseAssignment({ caseNumber, trackingId: null, courtLocation, judge, caseTitle: title }, policy);
    if (issue) return err(appError('invalid-arguments', issue.message, { field: issue.field === 'caseTitle' ? 'title' : issue.field }));
  } else if (!assignment && envelope.case.isNew && accepted.length > 0 && !numberedByRecordSystem) {
    return err(appError('invalid-arguments', 'A new case needs a case number, location and judge before any filing is accepted', { field: 'caseNumber' }));
  }
  const allDecisions = [...input.earlier, ...decisions];
  const stamped = args.stamped.map((s) => ({ documentId: s.documentId, contentId: `stamped-${s.documentId}@clerk-review`, sha256: s.sha256, sizeBytes: s.bytes.length }));
  const complete = envelope.filings.every((filing) => allDecisions.some((d) => d.filingId === filing.id));
  return ok({
    decisions,
    stamped,
    // Sent once, with the episode that opens the case; later episodes docket into it.
    newAssignment: assignment && !input.caseOnRecord && accepted.length > 0 ? { caseNumber: assignment.caseNumber, title: assignment.title, courtLocation: assignment.courtLocation, judge: assignment.judge } : null,
    complete,
  });
}

