import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import type { Result } from '../../shared/result';
import { CourtPolicyBook } from '../policy/court-policy-book';
import type { LoadedCourtPolicy } from '../policy/loaded-court-policy';
import { composeReview } from './compose-review';
import type { EfmClient } from './efm-client';

/** Where a submission gets the court's policy: the main process's book (held by version), or loaded for one call. */
export type PolicySource = (client: EfmClient) => Promise<Result<LoadedCourtPolicy>>;

/** Loads the policy afresh for one call (tools and tests without a main process). */
export const policyForOneCall: PolicySource = (client) => new CourtPolicyBook().current(client, 'one call');

/**
 * Submits one review episode: reads the envelope (with what earlier episodes decided) and the court policy, composes
 * the ECF messages, and sends them with the stamped PDFs over MTOM.
 */
export async function submitReview(client: EfmClient, clerk: { id: string; name: string }, args: SubmitReviewArgs, policyOf: PolicySource = policyForOneCall): Promise<Result<{ result: 'applied' | 'duplicate'; appliedAt: string; envelopeComplete: boolean }>> {
  const [detail, policy] = await Promise.all([client.getEnvelope(args.envelopeId), policyOf(client)]);
  if (!detail.ok) return detail;
  if (!policy.ok) return policy;
  const composed = composeReview({ detail: detail.value, policy: policy.value.policy, clerk, args, earlier: detail.value.recorded, caseOnRecord: detail.value.assignedCase, caseNumberPending: detail.value.caseNumberPending });
  if (!composed.ok) return composed;
  const { decisions, stamped, newAssignment } = composed.value;
  return client.submitReview(
    {
      idempotencyKey: args.idempotencyKey,
      envelopeId: args.envelopeId,
      fencingToken: args.fencingToken,
      decisions: decisions.map((d) => ({ filingId: d.filingId, outcome: d.outcome, reasonCode: d.outcome === 'rejected' ? d.reasonCode : null, note: d.note, correctedFilingCode: d.outcome === 'accepted' ? d.correctedFilingCode : null, decidedAt: d.decidedAt })),
      assignedCase: newAssignment,
      stamped: stamped.map((s) => ({ documentId: s.documentId, sha256: s.sha256, contentId: s.contentId })),
      deferredStamps: (args.deferredStamps ?? []).map(({ documentId, filingId, jobs, fields }) => ({ documentId, filingId, stamp: JSON.stringify({ jobs, fields }) })),
    },
    new Map(args.stamped.map((s) => [`stamped-${s.documentId}@clerk-review`, s.bytes])),
  );
}
