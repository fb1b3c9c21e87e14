import { appError } from '../../shared/errors';
import type { ReviewDecision } from '../../shared/domain/review-decision';
import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { writeNotifyFilingReviewComplete } from '../../shared/ecf/notify-filing-review-complete';
import { writeRecordDocketing, type AssignedCase } from '../../shared/ecf/record-docketing';
import { err, type Result } from '../../shared/result';
import type { EfmClient } from './efm-client';

/**
 * Turns the clerk's decisions into the ECF messages the EFM records — RecordDocketing for accepted filings (with
 * the manual case assignment and the stamped renditions' hashes) and, when this episode decides the last filing,
 * NotifyFilingReviewComplete for the filer covering every episode's decisions — and submits them with the stamped PDFs over MTOM.
 */
export async function submitReview(client: EfmClient, clerk: { id: string; name: string }, args: SubmitReviewArgs): Promise<Result<{ result: 'applied' | 'duplicate'; appliedAt: string; envelopeComplete: boolean }>> {
  const [detail, policy] = await Promise.all([client.getEnvelope(args.envelopeId), client.getCourtPolicy()]);
  if (!detail.ok) return detail;
  if (!policy.ok) return policy;
  const envelope = detail.value.envelope;
  const unknown = args.decisions.find((d) => !envelope.filings.some((f) => f.id === d.filingId));
  if (unknown) return err(appError('invalid-arguments', `Envelope ${args.envelopeId} has no filing ${unknown.filingId}`));
  // Multi-episode review: filings decided earlier stay decided; this episode adds to them.
  const again = args.decisions.find((d) => detail.value.recorded.some((r) => r.filingId === d.filingId));
  if (again) {
    const earlier = detail.value.recorded.find((r) => r.filingId === again.filingId);
    return err(appError('conflict', `Filing ${again.filingId} was already ${earlier?.outcome ?? 'decided'} by ${earlier?.reviewerId ?? 'another clerk'}`));
  }
  const decisions: ReviewDecision[] = args.decisions.map((d) => ({ ...d, envelopeId: args.envelopeId, reviewer: clerk.id, decidedAt: args.decidedAt }));
  const accepted = decisions.filter((d): d is Extract<ReviewDecision, { outcome: 'accepted' }> => d.outcome === 'accepted');
  const assignment = detail.value.assignedCase ?? args.caseAssignment;
  if (detail.value.assignedCase && args.caseAssignment && args.caseAssignment.caseNumber !== detail.value.assignedCase.caseNumber) {
    return err(appError('conflict', `This new case was already opened as ${detail.value.assignedCase.caseNumber}`, { field: 'caseNumber' }));
  }
  let assignedCase: AssignedCase | null = null;
  if (assignment) {
    const location = policy.value.courtLocations.find((entry) => entry.code === assignment.courtLocation);
    const judge = policy.value.judges.find((entry) => entry.code === assignment.judge);
    if (!location || !judge) return err(appError('invalid-arguments', 'The court location or judge is not in the court policy', { field: location ? 'judge' : 'courtLocation' }));
    if (!new RegExp(policy.value.caseNumberPattern).test(assignment.caseNumber)) return err(appError('invalid-arguments', `The case number does not match the court's format (${policy.value.caseNumberPattern})`, { field: 'caseNumber' }));
    assignedCase = { caseNumber: assignment.caseNumber, trackingId: args.caseAssignment?.trackingId ?? null, title: assignment.title, courtLocation: location, judge };
  } else if (envelope.case.isNew && accepted.length > 0) {
    return err(appError('invalid-arguments', 'A new case needs a case number, location and judge before any filing is accepted', { field: 'caseNumber' }));
  }
  const earlier: ReviewDecision[] = detail.value.recorded.map((r) => r.outcome === 'rejected'
    ? { outcome: 'rejected', envelopeId: args.envelopeId, filingId: r.filingId, reasonCode: r.reasonCode ?? '', note: r.note ?? '', reviewer: r.reviewerId, decidedAt: r.decidedAt }
    : { outcome: 'accepted', envelopeId: args.envelopeId, filingId: r.filingId, correctedFilingCode: r.correctedFilingCode, note: r.note, reviewer: r.reviewerId, decidedAt: r.decidedAt });
  const allDecisions = [...earlier, ...decisions];
  const stamped = args.stamped.map((s) => ({ documentId: s.documentId, contentId: `stamped-${s.documentId}@clerk-review`, sha256: s.sha256, sizeBytes: s.bytes.length }));
  const header = { messageId: `RD-${args.idempotencyKey}`, sendingMde: 'urn:clerk-review-desk', courtId: policy.value.courtId, courtName: policy.value.courtName, postedAt: args.decidedAt };
  const complete = envelope.filings.every((filing) => allDecisions.some((d) => d.filingId === filing.id));
  return client.submitReview(
    {
      idempotencyKey: args.idempotencyKey,
      envelopeId: args.envelopeId,
      fencingToken: args.fencingToken,
      decisions: decisions.map((d) => ({ filingId: d.filingId, outcome: d.outcome, reasonCode: d.outcome === 'rejected' ? d.reasonCode : null, note: d.note, correctedFilingCode: d.outcome === 'accepted' ? d.correctedFilingCode : null, decidedAt: d.decidedAt })),
      // Sent once, with the episode that opens the case; later episodes docket into it.
      assignedCase: assignment && !detail.value.assignedCase && accepted.length > 0 ? { caseNumber: assignment.caseNumber, title: assignment.title, courtLocation: assignment.courtLocation, judge: assignment.judge } : null,
      recordDocketingXml: accepted.length > 0 ? writeRecordDocketing({ header, envelope, filingMessageXml: detail.value.filingMessageXml, reviewer: clerk, accepted, assignedCase, stamped }) : null,
      notifyFilingReviewCompleteXml: complete ? writeNotifyFilingReviewComplete({ header: { ...header, messageId: `NFRC-${args.idempotencyKey}` }, envelope, reviewer: clerk, decisions: allDecisions, rejectionReasons: policy.value.rejectionReasons, assignedCase, stamped }) : null,
      stamped: stamped.map((s) => ({ documentId: s.documentId, sha256: s.sha256, contentId: s.contentId })),
    },
    new Map(args.stamped.map((s) => [`stamped-${s.documentId}@clerk-review`, s.bytes])),
  );
}
