import { z } from 'zod';

/** One entry of a court code list (code + the name clerks see). */
export const codeEntrySchema = z.object({ code: z.string().min(1), name: z.string().min(1) });

/**
 * The court's code lists and rules the review screen needs (from GetPolicy). A list left empty is one the court
 * does not restrict: ECF 5.0 §5.2.2 says a list the policy does not name, or names with no values, accepts any
 * value (judges and court locations are often not published). {@link allowsCode} applies that rule.
 */
export const courtPolicySchema = z.object({
  courtId: z.string().min(1),
  courtName: z.string().min(1),
  /** The court's policy version and the versions of its lists: the cache key (a new version is fetched again). */
  version: z.string().min(1),
  /** Every filing code the court uses, once each (corrections are offered per case category and type). */
  filingCodes: z.array(codeEntrySchema),
  documentTypes: z.array(codeEntrySchema),
  caseCategories: z.array(codeEntrySchema),
  courtLocations: z.array(codeEntrySchema),
  judges: z.array(codeEntrySchema),
  /** The court's reasons for rejecting a filing (court configuration: ECF has no standard list); empty: free text. */
  rejectionReasons: z.array(codeEntrySchema),
  /** A regular expression (source) every new case number must match, e.g. ^\d{4}-(CV|CR|FA)-\d{6}$. */
  caseNumberPattern: z.string().min(1),
  timeZone: z.string().min(1),
  /**
   * Who numbers a new case: the clerk as part of acceptance (manual case assignment), or the court's record system
   * when the service asks it (seed 000, CMS Case Assignment: DocumentStampInformation). Absent: the clerk.
   */
  caseNumbering: z.enum(['clerk', 'record-system']).optional(),
});

/** A court's policy. */
export type CourtPolicy = z.infer<typeof courtPolicySchema>;
/** A code list entry. */
export type CodeEntry = z.infer<typeof codeEntrySchema>;

/** The code a clerk writes for a rejection when the court publishes no reasons: the explanation says it all. */
export const freeTextRejectionReason = 'OTHER';

/** True when a list accepts a code: it is on the list, or the list is empty (ECF 5.0 §5.2.2: any value). */
export function allowsCode(list: readonly CodeEntry[], code: string): boolean {
  return list.length === 0 || list.some((entry) => entry.code === code);
}

/** The name the court gives a code, or the code itself (free entry, or a code no longer listed). */
export function codeName(list: readonly CodeEntry[] | undefined, code: string): string {
  return list?.find((entry) => entry.code === code)?.name ?? code;
}

/** A rejection reason from the court's list, or the free-text reason when the court publishes none. */
export function rejectionReasonAllowed(policy: Pick<CourtPolicy, 'rejectionReasons'>, code: string): boolean {
  return policy.rejectionReasons.length === 0 ? code === freeTextRejectionReason : allowsCode(policy.rejectionReasons, code);
}

/** True when the court's record system numbers this case (a new case at a court using CMS case assignment). */
export function recordSystemNumbers(policy: Pick<CourtPolicy, 'caseNumbering'>, caseIsNew: boolean): boolean {
  return caseIsNew && policy.caseNumbering === 'record-system';
}

/**
 * The one rule for "this case waits for the court record system's number" (seed 000, CMS Case Assignment), used by
 * the review screen, the desktop's submit and the service: a new case with no case opened for it yet, where the
 * record system was already asked (`numberPending`) or the court's record system numbers new cases. Without the
 * policy (not loaded yet) only an earlier request counts.
 */
export function awaitsRecordSystemNumber(policy: Pick<CourtPolicy, 'caseNumbering'> | null, kase: { readonly isNew: boolean }, state: { readonly caseOpened: boolean; readonly numberPending: boolean }): boolean {
  if (!kase.isNew || state.caseOpened) return false;
  return state.numberPending || (policy !== null && recordSystemNumbers(policy, true));
}
