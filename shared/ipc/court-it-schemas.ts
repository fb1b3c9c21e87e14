import { z } from 'zod';

/** A court-IT passphrase as it may be set: long enough that it is not guessed at the workstation. */
export const courtItPassphraseSchema = z.string().min(12, 'Use at least 12 characters').max(500);

/** Whether court IT has a passphrase on this workstation and whether it is unlocked now (and until when). */
export const courtItStatusSchema = z.object({
  configured: z.boolean(),
  unlocked: z.boolean(),
  until: z.string().nullable(),
});

/** The court-IT status. */
export type CourtItStatus = z.infer<typeof courtItStatusSchema>;
