import { z } from 'zod';
import type { Envelope } from './envelope';

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

/** The summary of a case once it has a number: its title, category and the names of its parties. */
export function caseSummaryOf(caseNumber: string, kase: Pick<Envelope, 'case' | 'parties'>): CaseSummary {
  return { caseNumber, title: kase.case.title, category: kase.case.category, parties: kase.parties.map((party) => party.name) };
}
