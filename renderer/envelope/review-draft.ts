import type { CourtPolicy } from '../../shared/domain/court-policy';
import type { Envelope } from '../../shared/domain/envelope';

/** What the clerk has decided so far on one filing. */
export interface DecisionDraft {
  readonly outcome: 'accepted' | 'rejected' | null;
  readonly reasonCode: string;
  readonly note: string;
  readonly correctedFilingCode: string;
}

/** The clerk's manual case assignment, as typed. */
export interface CaseAssignmentDraft {
  readonly caseNumber: string;
  readonly title: string;
  readonly courtLocation: string;
  readonly judge: string;
}

/** An empty decision. */
export const undecided: DecisionDraft = { outcome: null, reasonCode: '', note: '', correctedFilingCode: '' };

/** What still stops the clerk from submitting, in words; empty when the review can go. */
export function reviewProblems(envelope: Envelope, decisions: ReadonlyMap<string, DecisionDraft>, assignment: CaseAssignmentDraft, policy: CourtPolicy | null): string[] {
  const problems: string[] = [];
  for (const filing of envelope.filings) {
    const draft = decisions.get(filing.id) ?? undecided;
    if (!draft.outcome) problems.push(`Decide ${filing.description ?? filing.id}.`);
    if (draft.outcome === 'rejected' && !draft.reasonCode) problems.push(`Choose a rejection reason for ${filing.description ?? filing.id}.`);
    if (draft.outcome === 'rejected' && draft.note.trim().length < 10) problems.push(`Explain the rejection of ${filing.description ?? filing.id} to the filer (at least 10 characters).`);
  }
  const accepts = envelope.filings.some((filing) => decisions.get(filing.id)?.outcome === 'accepted');
  if (envelope.case.isNew && accepts) {
    if (!assignment.caseNumber.trim()) problems.push('Enter the new case number.');
    else if (policy && !new RegExp(policy.caseNumberPattern).test(assignment.caseNumber.trim())) problems.push(`The case number does not match the court's format ${policy.caseNumberPattern}.`);
    if (!assignment.courtLocation) problems.push('Choose the court location.');
    if (!assignment.judge) problems.push('Choose the judge.');
    if (!assignment.title.trim()) problems.push('Enter the case title.');
  }
  return problems;
}
