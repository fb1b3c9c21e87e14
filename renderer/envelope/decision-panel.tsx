import type { CodeEntry, CourtPolicy } from '../../shared/domain/court-policy';
import type { Filing } from '../../shared/domain/envelope';
import type { DecisionDraft } from './review-draft';
import { NoteCounter, RejectionFields } from './rejection-fields';

/**
 * Accept, or reject with the court's reason and an explanation; correct a wrong filing code instead of rejecting
 * (`corrections`: the court's codes for this case category and type).
 */
export function DecisionPanel({ filing, draft, policy, corrections, disabled, username, onChange }: {
  filing: Filing; draft: DecisionDraft; policy: CourtPolicy | null; corrections: readonly CodeEntry[]; disabled: boolean;
  /** Whose saved explanations are offered. */
  username: string;
  onChange: (draft: DecisionDraft) => void;
}) {
  const id = (name: string): string => `${name}-${filing.id}`;
  return (
    <fieldset className="decision" disabled={disabled} data-testid={`decision-${filing.id}`}>
      <legend>Decision on {filing.description ?? filing.id}</legend>
      <div className="decision-outcome">
        <label><input type="radio" name={id('outcome')} checked={draft.outcome === 'accepted'} onChange={() => onChange({ ...draft, outcome: 'accepted' })} /> Accept</label>
        <label><input type="radio" name={id('outcome')} checked={draft.outcome === 'rejected'} onChange={() => onChange({ ...draft, outcome: 'rejected' })} /> Reject</label>
      </div>
      {draft.outcome === 'accepted' && (
        <>
          <div className="field">
            <label htmlFor={id('code')}>Filing code</label>
            <select id={id('code')} value={draft.correctedFilingCode} onChange={(event) => onChange({ ...draft, correctedFilingCode: event.target.value })}>
              <option value="">{filing.filingCode} (as filed)</option>
              {corrections.filter((entry) => entry.code !== filing.filingCode).map((entry) => <option key={entry.code} value={entry.code}>Correct to {entry.code} — {entry.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('note')}>Note to the filer (optional)</label>
            <textarea id={id('note')} rows={2} value={draft.note} aria-describedby={id('note-count')} onChange={(event) => onChange({ ...draft, note: event.target.value })} />
            <NoteCounter id={id('note-count')} length={draft.note.trim().length} />
          </div>
        </>
      )}
      {draft.outcome === 'rejected' && (
        <RejectionFields idPrefix={filing.id} reasonCode={draft.reasonCode} note={draft.note} policy={policy} username={username}
          onChange={(change) => onChange({ ...draft, ...change })} />
      )}
    </fieldset>
  );
}
