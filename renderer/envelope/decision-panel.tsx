import type { CodeEntry, CourtPolicy } from '../../shared/domain/court-policy';
import type { Filing } from '../../shared/domain/envelope';
import { decisionNoteMaxLength } from '../../shared/domain/review-decision';
import type { DecisionDraft } from './review-draft';

/**
 * Accept, or reject with the court's reason and an explanation; correct a wrong filing code instead of rejecting
 * (`corrections`: the court's codes for this case category and type).
 */
export function DecisionPanel({ filing, draft, policy, corrections, disabled, onChange }: {
  filing: Filing; draft: DecisionDraft; policy: CourtPolicy | null; corrections: readonly CodeEntry[]; disabled: boolean;
  onChange: (draft: DecisionDraft) => void;
}) {
  const id = (name: string): string => `${name}-${filing.id}`;
  return (
    <fieldset className="decision" disabled={disabled} data-testid={`decision-${filing.id}`}>
      <legend>Decision on {filing.description ?? filing.id}</legend>
      <label><input type="radio" name={id('outcome')} checked={draft.outcome === 'accepted'} onChange={() => onChange({ ...draft, outcome: 'accepted' })} /> Accept</label>
      <label><input type="radio" name={id('outcome')} checked={draft.outcome === 'rejected'} onChange={() => onChange({ ...draft, outcome: 'rejected' })} /> Reject</label>
      {draft.outcome === 'accepted' && (
        <div className="field">
          <label htmlFor={id('code')}>Filing code</label>
          <select id={id('code')} value={draft.correctedFilingCode} onChange={(event) => onChange({ ...draft, correctedFilingCode: event.target.value })}>
            <option value="">{filing.filingCode} (as filed)</option>
            {corrections.filter((entry) => entry.code !== filing.filingCode).map((entry) => <option key={entry.code} value={entry.code}>Correct to {entry.code} — {entry.name}</option>)}
          </select>
        </div>
      )}
      {draft.outcome === 'rejected' && policy?.rejectionReasons.length === 0 && (
        <p className="hint">The court publishes no list of rejection reasons: the explanation below is the reason.</p>
      )}
      {draft.outcome === 'rejected' && policy?.rejectionReasons.length !== 0 && (
        <div className="field">
          <label htmlFor={id('reason')}>Rejection reason</label>
          <select id={id('reason')} value={draft.reasonCode} onChange={(event) => onChange({ ...draft, reasonCode: event.target.value })}>
            <option value="">Choose…</option>
            {policy?.rejectionReasons.map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
          </select>
        </div>
      )}
      {draft.outcome && (
        <div className="field">
          <label htmlFor={id('note')}>{draft.outcome === 'rejected' ? 'Explanation for the filer (required)' : 'Note to the filer (optional)'}</label>
          <textarea id={id('note')} rows={2} value={draft.note} aria-describedby={id('note-count')}
            onChange={(event) => onChange({ ...draft, note: event.target.value })} />
          <NoteCounter id={id('note-count')} length={draft.note.trim().length} />
        </div>
      )}
    </fieldset>
  );
}

/** Characters used against the limit, shown before the limit bites; it turns to a warning past 90 %. */
function NoteCounter({ id, length }: { id: string; length: number }) {
  const over = length > decisionNoteMaxLength;
  const near = length > decisionNoteMaxLength * 0.9;
  return (
    <span id={id} className={over ? 'counter counter-over' : near ? 'counter counter-near' : 'counter'} data-testid="note-counter">
      {length.toLocaleString('en-US')} / {decisionNoteMaxLength.toLocaleString('en-US')} characters{over ? ': too long' : ''}
    </span>
  );
}
