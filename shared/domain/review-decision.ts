import { z } from 'zod';
import { neutraliseBidi } from './clerk-text';

/** The longest note or explanation to the filer, in characters (the desk shows a counter against it). */
export const decisionNoteMaxLength = 2000;

/** The shortest explanation of a rejection. */
export const rejectionNoteMinLength = 10;

const noteTooLong = `The note to the filer is longer than the ${decisionNoteMaxLength.toLocaleString('en-US')} characters allowed`;

/**
 * A clerk's decision on one filing. Notes lose bidirectional controls (neutraliseBidi): what the filer and the
 * history show is what the clerk typed, in the order typed. ECF requires every rejection to carry an explanation.
 */
export const reviewDecisionSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('accepted'),
    envelopeId: z.string().min(1),
    filingId: z.string().min(1),
    /** A corrected filing code from the court's list, instead of rejecting a filing filed under the wrong code. */
    correctedFilingCode: z.string().min(1).nullable(),
    /** An optional note to the filer. */
    note: z.string().overwrite(neutraliseBidi).trim().max(decisionNoteMaxLength, noteTooLong).nullable(),
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
    note: z.string().overwrite(neutraliseBidi).trim()
      .min(rejectionNoteMinLength, `Explain the rejection to the filer (at least ${rejectionNoteMinLength} characters)`)
      .max(decisionNoteMaxLength, noteTooLong),
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
