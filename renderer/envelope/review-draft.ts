import { neutraliseBidi } from '../../shared/domain/clerk-text';
import { decisionNoteMaxLength, rejectionNoteMinLength } from '../../shared/domain/review-decision';
import { checkCaseAssignment } from '../../shared/domain/case-assignment';
import { awaitsRecordSystemNumber, type CourtPolicy } from '../../shared/domain/court-policy';
import type { Envelope, Filing } from '../../shared/domain/envelope';
import type { RecordedDecision } from '../../shared/ipc/efm-schemas';

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

/** What the EFM already holds for this envelope from earlier review episodes. */
export interface EarlierEpisodes {
  readonly recorded: readonly RecordedDecision[];
  readonly assignedCase: { readonly caseNumber: string } | null;
  /** An earlier episode accepted a filing of this new case; the court record system is numbering it. */
  readonly caseNumberPending?: boolean;
}

/**
 * True when the court's record system, not the clerk, numbers this envelope's case (seed 000, CMS Case
 * Assignment): a new case at such a court, or one an earlier episode already asked it to number.
 */
export function numberedByRecordSystem(envelope: Envelope, policy: CourtPolicy | null, earlier: EarlierEpisodes): boolean {
  return awaitsRecordSystemNumber(policy, envelope.case, { caseOpened: earlier.assignedCase !== null, numberPending: earlier.caseNumberPending === true });
}

/** The filings the clerk has decided in this episode and not yet submitted, in envelope order. */
export function newlyDecided(envelope: Envelope, decisions: ReadonlyMap<string, DecisionDraft>, earlier: EarlierEpisodes): Filing[] {
  return envelope.filings.filter((filing) => decisions.get(filing.id)?.outcome && !earlier.recorded.some((r) => r.filingId === filing.id));
}

/**
 * What still stops the clerk from submitting this episode, in words; empty when it can go. Filings left undecided
 * are not a problem: they stay in the queue for a later episode (multi-episode review).
 */
export function reviewProblems(envelope: Envelope, decisions: ReadonlyMap<string, DecisionDraft>, assignment: CaseAssignmentDraft, policy: CourtPolicy | null, earlier: EarlierEpisodes): string[] {
  const problems: string[] = [];
  const decided = newlyDecided(envelope, decisions, earlier);
  if (decided.length === 0) problems.push('Decide at least one filing.');
  for (const filing of decided) {
    const draft = decisions.get(filing.id) ?? undecided;
    // A court that publishes no rejection reasons takes the explanation alone.
    const reasonNeeded = policy === null || policy.rejectionReasons.length > 0;
    if (draft.outcome === 'rejected' && reasonNeeded && !draft.reasonCode) problems.push(`Choose a rejection reason for ${filing.description ?? filing.id}.`);
    const note = neutraliseBidi(draft.note).trim();
    const name = filing.description ?? filing.id;
    if (draft.outcome === 'rejected' && note.length < rejectionNoteMinLength) problems.push(`Explain the rejection of ${name} to the filer (at least ${rejectionNoteMinLength} characters).`);
    if (note.length > decisionNoteMaxLength) {
      problems.push(`Shorten the note on ${name}: ${note.length.toLocaleString('en-US')} characters, ${decisionNoteMaxLength.toLocaleString('en-US')} at most.`);
    }
  }
  const accepts = decided.some((filing) => decisions.get(filing.id)?.outcome === 'accepted');
  if (envelope.case.isNew && accepts && !earlier.assignedCase && !numberedByRecordSystem(envelope, policy, earlier)) {
    const { caseNumber, title, courtLocation, judge } = assignment;
    if (!caseNumber.trim()) problems.push('Enter the new case number.');
    if (!courtLocation.trim()) problems.push('Choose or enter the court location.');
    if (!judge.trim()) problems.push('Choose or enter the judge.');
    if (!title.trim()) problems.push('Enter the case title.');
    // The same check the main process and the court's service make.
    const filled = caseNumber.trim() && courtLocation.trim() && judge.trim() && title.trim();
    if (policy && filled) {
      const draft = { caseNumber, trackingId: null, courtLocation: courtLocation.trim(), judge: judge.trim(), caseTitle: title.trim() };
      problems.push(...checkCaseAssignment(draft, policy).map((issue) => issue.message));
    }
  }
  return problems;
}
