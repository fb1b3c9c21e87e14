import { z } from 'zod';

/** A date range [from, to) for statistics. */
export const dateRangeSchema = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((range) => Date.parse(range.from) < Date.parse(range.to), 'The range must end after it starts');

/** `supervisor:reassign`: envelopes to a clerk, or back to the pool (null). */
export const reassignArgsSchema = z.object({
  envelopeIds: z.array(z.string().min(1).max(200)).min(1).max(500),
  toClerk: z.string().min(1).max(200).nullable(),
});

/** What happened to one envelope of a reassignment. */
export const reassignOutcomeSchema = z.object({ envelopeId: z.string(), ok: z.boolean(), message: z.string() });

/** `supervisor:resolve-exception`: retry or resolve, always with a note. */
export const resolveExceptionArgsSchema = z.object({
  exceptionId: z.string().min(1).max(100),
  action: z.enum(['retry', 'resolve']),
  note: z.string().trim().min(3, 'Say what was done (at least 3 characters)').max(2000),
});
