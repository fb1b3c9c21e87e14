import { appError } from '../../shared/errors';
import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { err, ok, type Result } from '../../shared/result';
import { composeReview } from '../efm/compose-review';
import type { EfmClient } from '../efm/efm-client';
import { policyForOneCall, type PolicySource } from '../efm/submit-review';
import { buildCmsZip } from './cms-zip';

/**
 * The CMS zip of a delivered review episode: its RecordDocketing message rebuilt exactly as it was sent (same
 * decisions, case assignment and stamped hashes), the stamped lead documents this workstation made, and the
 * connected documents from the EFM.
 */
export async function exportCmsZip(client: EfmClient, clerk: { id: string; name: string }, payload: SubmitReviewArgs, policyOf: PolicySource = policyForOneCall): Promise<Result<{ fileName: string; bytes: Uint8Array<ArrayBuffer>; documents: number }>> {
  const [detail, policy] = await Promise.all([client.getEnvelope(payload.envelopeId), policyOf(client)]);
  if (!detail.ok) return detail;
  if (!policy.ok) return policy;
  const mine = new Set(payload.decisions.map((d) => d.filingId));
  const composed = composeReview({
    detail: detail.value,
    policy: policy.value.policy,
    clerk,
    args: payload,
    // As it was when this episode was sent: earlier episodes only.
    earlier: detail.value.recorded.filter((r) => !mine.has(r.filingId)),
    caseOnRecord: payload.caseAssignment ? null : detail.value.assignedCase,
  });
  if (!composed.ok) return composed;
  if (!composed.value.recordDocketingXml) return err(appError('invalid-arguments', 'Nothing was accepted in this review: there is nothing to docket'));
  const filings = [];
  let documents = 0;
  for (const decision of payload.decisions) {
    if (decision.outcome !== 'accepted') continue;
    const filing = detail.value.envelope.filings.find((candidate) => candidate.id === decision.filingId);
    if (!filing) continue;
    const bytes: Uint8Array[] = [];
    for (const document of [filing.leadDocument, ...filing.connectedDocuments]) {
      const stamped = payload.stamped.find((s) => s.documentId === document.id);
      if (stamped) {
        bytes.push(stamped.bytes);
        continue;
      }
      const original = await client.getDocument(payload.envelopeId, document.id);
      if (!original.ok) return original;
      bytes.push(original.value.bytes);
    }
    documents += bytes.length;
    filings.push({ filingId: filing.id, documents: bytes });
  }
  return ok({ ...buildCmsZip(detail.value.envelope, composed.value.recordDocketingXml, filings), documents });
}
