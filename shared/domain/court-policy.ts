import { z } from 'zod';

/** One entry of a court code list (code + the name clerks see). */
export const codeEntrySchema = z.object({ code: z.string().min(1), name: z.string().min(1) });

/** The court's code lists and rules the review screen needs (from GetPolicy). */
export const courtPolicySchema = z.object({
  courtId: z.string().min(1),
  courtName: z.string().min(1),
  filingCodes: z.array(codeEntrySchema),
  documentTypes: z.array(codeEntrySchema),
  caseCategories: z.array(codeEntrySchema),
  courtLocations: z.array(codeEntrySchema),
  judges: z.array(codeEntrySchema),
  rejectionReasons: z.array(codeEntrySchema),
  /** A regular expression (source) every new case number must match, e.g. ^\d{4}-(CV|CR|FA)-\d{6}$. */
  caseNumberPattern: z.string().min(1),
  timeZone: z.string().min(1),
});

/** A court's policy. */
export type CourtPolicy = z.infer<typeof courtPolicySchema>;
/** A code list entry. */
export type CodeEntry = z.infer<typeof codeEntrySchema>;
