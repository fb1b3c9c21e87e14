import { useCallback, useEffect, useRef, useState } from 'react';
import type { StampPlacement } from '../../shared/stamp/stamp-layout';
import { deleteReviewDraft, loadReviewDraft, saveReviewDraft } from '../db/review-drafts';
import type { CaseAssignmentDraft, DecisionDraft } from './review-draft';

/** Where the clerk dragged each stamp template, per document. */
export type Placements = ReadonlyMap<string, Readonly<Record<string, StampPlacement>>>;

/** What the clerk has done on an envelope and not yet submitted. */
export interface ReviewDraftState {
  readonly decisions: ReadonlyMap<string, DecisionDraft>;
  readonly assignment: CaseAssignmentDraft;
  readonly placements: Placements;
  /** One key per review episode: a resend after a lost answer is recognised by the EFM. */
  readonly idempotencyKey: string;
}

type Update<T> = T | ((current: T) => T);

/** The draft of one envelope, kept in IndexedDB as the clerk works, with setters for each part. */
export interface ReviewDraft extends ReviewDraftState {
  /** False until the saved draft (if any) has been read back. */
  readonly restored: boolean;
  /** True when the saved draft came back from an earlier visit (or a reload). */
  readonly resumed: boolean;
  /** True when there is work that leaving would set aside: a decision, a note, a case number, a moved stamp. */
  readonly started: boolean;
  setDecisions(update: Update<ReadonlyMap<string, DecisionDraft>>): void;
  setAssignment(update: Update<CaseAssignmentDraft>): void;
  setPlacements(update: Update<Placements>): void;
  /** The episode is in the outbox: the draft goes; `next` starts another episode on the filings left (or none). */
  submitted(next: { submittedFilingIds: readonly string[]; another: boolean }): void;
  /** The clerk chose to throw the draft away. */
  discard(): void;
}

const emptyAssignment: CaseAssignmentDraft = { caseNumber: '', title: '', courtLocation: '', judge: '' };
const newKey = (envelopeId: string): string => `${envelopeId}-${crypto.randomUUID()}`;
const apply = <T,>(update: Update<T>, current: T): T => (typeof update === 'function' ? (update as (c: T) => T)(current) : update);

/** True when a draft holds work the clerk did (prefilled title and court location do not count). */
export function hasStartedWork(state: ReviewDraftState): boolean {
  const decided = [...state.decisions.values()].some((d) => d.outcome !== null || d.note.trim() !== '' || d.correctedFilingCode !== '');
  return decided || state.assignment.caseNumber.trim() !== '' || state.assignment.judge !== '' || state.placements.size > 0;
}

/**
 * Keeps the clerk's unsubmitted work on an envelope in IndexedDB (strict durability) as it changes, and restores it on
 * return — after Back, another tab, a reload or a crash. Writes go in order, each the latest state.
 */
export function useReviewDraft(username: string, envelopeId: string): ReviewDraft {
  const [state, setState] = useState<ReviewDraftState>(() => ({ decisions: new Map(), assignment: emptyAssignment, placements: new Map(), idempotencyKey: newKey(envelopeId) }));
  const [restored, setRestored] = useState(false);
  const [resumed, setResumed] = useState(false);
  // Keys of episodes already in the outbox: their state is never saved as a draft again.
  const submittedKeys = useRef(new Set<string>());
  const writes = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    let live = true;
    void loadReviewDraft(username, envelopeId).then((saved) => {
      if (!live) return;
      if (saved) {
        setState({ decisions: new Map(saved.decisions), assignment: saved.assignment, placements: new Map(saved.placements), idempotencyKey: saved.idempotencyKey });
        setResumed(true);
      }
      setRestored(true);
    }, () => live && setRestored(true));
    return () => {
      live = false;
    };
  }, [username, envelopeId]);

  useEffect(() => {
    if (!restored || submittedKeys.current.has(state.idempotencyKey)) return;
    const write = (): Promise<void> => (hasStartedWork(state)
      ? saveReviewDraft(username, envelopeId, { idempotencyKey: state.idempotencyKey, decisions: [...state.decisions], assignment: state.assignment, placements: [...state.placements] })
      : deleteReviewDraft(username, envelopeId));
    // One write after the other (sealing is asynchronous): the last state typed is the one that stays.
    writes.current = writes.current.then(write).catch((error: unknown) => console.error(`draft of ${envelopeId}: ${(error as Error).message}`));
  }, [state, restored, username, envelopeId]);

  const setDecisions = useCallback((update: Update<ReadonlyMap<string, DecisionDraft>>) => setState((s) => ({ ...s, decisions: apply(update, s.decisions) })), []);
  const setAssignment = useCallback((update: Update<CaseAssignmentDraft>) => setState((s) => ({ ...s, assignment: apply(update, s.assignment) })), []);
  const setPlacements = useCallback((update: Update<Placements>) => setState((s) => ({ ...s, placements: apply(update, s.placements) })), []);
  const submitted: ReviewDraft['submitted'] = useCallback(({ submittedFilingIds, another }) => {
    setState((s) => {
      submittedKeys.current.add(s.idempotencyKey);
      if (!another) return s;
      const decisions = new Map(s.decisions);
      for (const id of submittedFilingIds) decisions.delete(id);
      // The case assignment and the stamp positions went with the episode: what is left is only the open filings'.
      return { decisions, assignment: emptyAssignment, placements: new Map(), idempotencyKey: newKey(envelopeId) };
    });
    writes.current = writes.current.then(() => deleteReviewDraft(username, envelopeId)).catch(() => undefined);
  }, [username, envelopeId]);
  const discard = useCallback(() => {
    setState((s) => ({ decisions: new Map(), assignment: { ...emptyAssignment, title: s.assignment.title, courtLocation: s.assignment.courtLocation }, placements: new Map(), idempotencyKey: s.idempotencyKey }));
    writes.current = writes.current.then(() => deleteReviewDraft(username, envelopeId)).catch(() => undefined);
  }, [username, envelopeId]);
  const started = !submittedKeys.current.has(state.idempotencyKey) && hasStartedWork(state);
  return { ...state, restored, resumed, started, setDecisions, setAssignment, setPlacements, submitted, discard };
}
