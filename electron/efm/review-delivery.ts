import { isUnknownOutcome } from '../../shared/outbox/delivery-policy';
import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import { ok, type Result } from '../../shared/result';
import type { EfmClient } from './efm-client';
import { policyForOneCall, submitReview, type PolicySource } from './submit-review';

/** What a submission came to. */
export type DeliveryResult = { result: 'applied' | 'duplicate'; appliedAt: string; envelopeComplete: boolean };

/**
 * Delivers review submissions at least once without ever applying one twice. The EFM dedupes by idempotency key;
 * on top of that, after an attempt whose outcome is unknown (timeout, reset, truncated answer) the next attempt first
 * asks the EFM's standard GetFilingStatus whether the decisions are already recorded, and only sends again if not.
 */
export class ReviewDelivery {
  /** Idempotency keys whose last attempt may or may not have reached the EFM. */
  readonly #uncertain = new Set<string>();
  /** How often a status check answered "already applied" (figures for the fault-injection test). */
  confirmedByStatus = 0;

  /** `policyOf`: where submissions read the court's policy (the main process's book). */
  constructor(private readonly policyOf: PolicySource = policyForOneCall) {}

  /** One delivery attempt. */
  async submit(client: EfmClient, clerk: { id: string; name: string }, args: SubmitReviewArgs): Promise<Result<DeliveryResult>> {
    if (this.#uncertain.has(args.idempotencyKey)) {
      const applied = await this.#alreadyApplied(client, args);
      if (!applied.ok) return applied;
      if (applied.value) {
        this.#uncertain.delete(args.idempotencyKey);
        this.confirmedByStatus += 1;
        return ok({ result: 'duplicate', appliedAt: new Date().toISOString(), envelopeComplete: false });
      }
    }
    const result = await submitReview(client, clerk, args, this.policyOf);
    if (result.ok) this.#uncertain.delete(args.idempotencyKey);
    else if (isUnknownOutcome(result.error)) this.#uncertain.add(args.idempotencyKey);
    return result;
  }

  /** True when the EFM's filing status shows every decision of the submission as made. */
  async #alreadyApplied(client: EfmClient, args: SubmitReviewArgs): Promise<Result<boolean>> {
    for (const decision of args.decisions) {
      const status = await client.getFilingStatus(null, decision.filingId);
      if (!status.ok) return status;
      if (status.value.reviewStatus !== decision.outcome) return ok(false);
    }
    return ok(true);
  }
}
