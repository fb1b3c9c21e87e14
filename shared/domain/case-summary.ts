import { z } from 'zod';

/** An existing case as a case-list lookup returns it: enough to warn a clerk about a possible duplicate. */
export const caseSummarySchema = z.object({
  caseNumber: z.string(),
  title: z.string().nullable(),
  category: z.string().nullable(),
  parties: z.array(z.string()),
});

/** A case summary. */
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** Arguments of a case lookup by party name (and optionally category). */
export const caseLookupSchema = z.object({
  partyNames: z.array(z.string().trim().min(2).max(200)).min(1).max(10),
  category: z.string().min(1).max(50).nullable().default(null),
});
