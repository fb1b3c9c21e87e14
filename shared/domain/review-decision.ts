import { z } from 'zod';

/** A clerk's decision on one filing. ECF requires every rejection to carry an explanation. */
export const reviewDecisionSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('accepted'),
    envelopeId: z.string().min(1),
    filingId: z.string().min(1),
    /** A corrected filing code from the court's list, instead of rejecting a filing filed under the wrong code. */
    correctedFilingCode: z.string().min(1).nullable(),
    /** An optional note to the filer. */
    note: z.string().trim().max(2000).nullable(),
    reviewer: z.string().min(1),
    decidedAt: z.iso.datetime({ offset: true }),
  }),
  z.object({
    outcome: z.literal('rejected'),
    envelopeId: z.string().min(1),
    filingId: z.string().min(1),
    /** Code from the court's rejection-reason list. */
    reasonCode: z.string().min(1, 'Choose a rejection reason'),
    /** The specific explanation the filer reads; required, because a bare reason code is too vague to act on. */
    note: z.string().trim().min(10, 'Explain the rejection to the filer (at least 10 characters)').max(2000),
    reviewer: z.string().min(1),
    decidedAt: z.iso.datetime({ offset: true }),
  }),
]);

/** A decision on one filing. */
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** The ECF status of an envelope once each filing is decided (FilingReviewStatusCode). */
export type EnvelopeReviewStatus = 'accepted' | 'partially-accepted' | 'rejected';

/** accepted when all filings are accepted, rejected when all are rejected, partially-accepted otherwise. */
export function envelopeReviewStatus(decisions: readonly Pick<ReviewDecision, 'outcome'>[]): EnvelopeReviewStatus {
  if (decisions.length === 0) throw new Error('An envelope without decisions has no review status');
  if (decisions.every((decision) => decision.outcome === 'accepted')) return 'accepted';
  if (decisions.every((decision) => decision.outcome === 'rejected')) return 'rejected';
  return 'partially-accepted';
}
