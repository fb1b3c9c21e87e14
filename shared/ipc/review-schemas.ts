import { z } from 'zod';
import { deferredStampSchema } from '../stamp/deferred-stamp';

/** One decision as the review screen submits it. */
export const submitDecisionSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), filingId: z.string().min(1), correctedFilingCode: z.string().min(1).nullable(), note: z.string().trim().max(2000).nullable() }),
  z.object({ outcome: z.literal('rejected'), filingId: z.string().min(1), reasonCode: z.string().min(1, 'Choose a rejection reason'), note: z.string().trim().min(10, 'Explain the rejection to the filer (at least 10 characters)').max(2000) }),
]);

/** The clerk's case assignment for a new case, by code-list codes. */
export const submitCaseAssignmentSchema = z.object({
  caseNumber: z.string().trim().min(1),
  trackingId: z.string().trim().min(1).nullable(),
  title: z.string().trim().min(1).max(500),
  courtLocation: z.string().min(1),
  judge: z.string().min(1),
});

/** The key a submission is known by: the EFM applies the decisions once per key. */
export const idempotencyKeySchema = z.string().min(8).max(200);

/** a review submission arguments: the decisions on every filing of an envelope, the case assignment, the stamped renditions. */
export const submitReviewArgsSchema = z.object({
  envelopeId: z.string().min(1),
  fencingToken: z.number().int().nonnegative(),
  /** Same key on a resend: the EFM applies the decisions once. */
  idempotencyKey: idempotencyKeySchema,
  decisions: z.array(submitDecisionSchema).min(1).max(100),
  caseAssignment: submitCaseAssignmentSchema.nullable(),
  stamped: z.array(z.object({ documentId: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.instanceof(Uint8Array) })).max(200),
  /** Where the court record system numbers the new case: the stamps the service applies once it has. */
  deferredStamps: z.array(deferredStampSchema).max(200).optional(),
  decidedAt: z.iso.datetime({ offset: true }),
});

/** Arguments of a review submission. */
export type SubmitReviewArgs = z.infer<typeof submitReviewArgsSchema>;
