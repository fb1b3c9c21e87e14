import { z } from 'zod';
import { caseNumberExample, normaliseCaseNumber } from './clerk-text';
import { allowsCode, type CourtPolicy } from './court-policy';

/** What the clerk enters for a new case: it flows into the stamps and into docket:CorrectedCase. */
export const caseAssignmentSchema = z.object({
  caseNumber: z.string().overwrite(normaliseCaseNumber).min(1, 'Enter the case number'),
  trackingId: z.string().trim().min(1).nullable(),
  courtLocation: z.string().trim().min(1, 'Choose or enter the court location'),
  judge: z.string().trim().min(1, 'Choose or enter the judge'),
  caseTitle: z.string().trim().min(1, 'Enter the case title').max(500),
});

/** A manual case assignment. */
export type CaseAssignment = z.infer<typeof caseAssignmentSchema>;

/** A problem with one field of a case assignment, for the form to show beside it. */
export interface CaseAssignmentIssue {
  readonly field: keyof CaseAssignment;
  readonly message: string;
}

/**
 * Checks a case assignment against the schema and the court's policy: the case number matches the court's pattern,
 * and the location and judge are on the court's lists, when it publishes them (any value when not, ECF 5.0 §5.2.2).
 */
export function checkCaseAssignment(input: unknown, policy: Pick<CourtPolicy, 'caseNumberPattern' | 'courtLocations' | 'judges'>): CaseAssignmentIssue[] {
  const parsed = caseAssignmentSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ field: issue.path[0] as keyof CaseAssignment, message: issue.message }));
  const issues: CaseAssignmentIssue[] = [];
  let pattern: RegExp | null = null;
  try {
    pattern = new RegExp(policy.caseNumberPattern);
  } catch {
    issues.push({ field: 'caseNumber', message: "The court's case-number pattern is invalid; ask court IT to fix the policy." });
  }
  if (pattern && !pattern.test(parsed.data.caseNumber)) issues.push({ field: 'caseNumber', message: caseNumberFormatMessage(policy.caseNumberPattern) });
  if (!allowsCode(policy.courtLocations, parsed.data.courtLocation)) issues.push({ field: 'courtLocation', message: 'Not one of the court locations in the court policy.' });
  if (!allowsCode(policy.judges, parsed.data.judge)) issues.push({ field: 'judge', message: 'Not one of the judges in the court policy.' });
  return issues;
}

/** What the clerk reads when a case number is not in the court's format: an example of the format, never the pattern. */
export function caseNumberFormatMessage(pattern: string): string {
  const example = caseNumberExample(pattern);
  return example ? `The case number is not in this court's format, for example ${example}.` : "The case number is not in this court's case-number format.";
}
