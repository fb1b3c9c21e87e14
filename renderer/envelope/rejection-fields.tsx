import { useState } from 'react';
import type { CourtPolicy } from '../../shared/domain/court-policy';
import { decisionNoteMaxLength } from '../../shared/domain/review-decision';
import { standardExplanation } from '../../shared/domain/standard-explanation';
import { saveExplanation, useSavedExplanations } from '../data/saved-explanations';
import { Button } from '../ui/button';

/**
 * The court's rejection reason and the explanation for the filer. Choosing a reason while the explanation is empty
 * starts it with the reason's standard text, to edit; the clerk's own saved explanations can be put in, and the
 * current one saved for next time.
 */
export function RejectionFields({ idPrefix, reasonCode, note, policy, username, onChange }: {
  idPrefix: string; reasonCode: string; note: string; policy: CourtPolicy | null; username: string;
  onChange: (change: { reasonCode: string; note: string }) => void;
}) {
  const saved = useSavedExplanations(username);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const reasons = policy?.rejectionReasons ?? [];
  const id = (name: string): string => `${name}-${idPrefix}`;
  const chooseReason = (code: string): void => {
    const reason = reasons.find((entry) => entry.code === code);
    // An explanation the clerk wrote is never replaced; an empty one or the previous reason's text is.
    const previous = reasons.find((entry) => entry.code === reasonCode);
    const untouched = note.trim() === '' || (previous && note === standardExplanation(previous));
    onChange({ reasonCode: code, note: reason && untouched ? standardExplanation(reason) : note });
  };
  const insert = (text: string): void => onChange({ reasonCode, note: note.trim() ? `${note.trimEnd()}\n${text}` : text });
  return (
    <>
      {policy?.rejectionReasons.length === 0 && <p className="hint">The court publishes no list of rejection reasons: the explanation below is the reason.</p>}
      {reasons.length > 0 && (
        <div className="field">
          <label htmlFor={id('reason')}>Rejection reason</label>
          <select id={id('reason')} value={reasonCode} onChange={(event) => chooseReason(event.target.value)}>
            <option value="">Choose…</option>
            {reasons.map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={id('note')}>Explanation for the filer (required)</label>
        <textarea id={id('note')} rows={3} value={note} aria-describedby={id('note-count')} onChange={(event) => onChange({ reasonCode, note: event.target.value })} />
        <NoteCounter id={id('note-count')} length={note.trim().length} />
      </div>
      <div className="explanation-tools">
        {saved.length > 0 && (
          <label>Insert my explanation
            <select value="" onChange={(event) => event.target.value && insert(event.target.value)} data-testid="saved-explanations">
              <option value="">Choose…</option>
              {saved.map((entry) => <option key={entry.id} value={entry.text}>{entry.text.length > 70 ? `${entry.text.slice(0, 70)}…` : entry.text}</option>)}
            </select>
          </label>
        )}
        <Button variant="link" disabled={note.trim().length === 0} onClick={() => void saveExplanation(username, note).then(() => setSavedNote('Saved to your explanations.'))}>
          Save this explanation
        </Button>
        {savedNote && <span role="status" className="hint">{savedNote}</span>}
      </div>
    </>
  );
}

/** Characters used against the limit, shown before the limit bites; it turns to a warning past 90 %. */
export function NoteCounter({ id, length }: { id: string; length: number }) {
  const over = length > decisionNoteMaxLength;
  const near = length > decisionNoteMaxLength * 0.9;
  return (
    <span id={id} className={over ? 'counter counter-over' : near ? 'counter counter-near' : 'counter'} data-testid="note-counter">
      {length.toLocaleString('en-US')} / {decisionNoteMaxLength.toLocaleString('en-US')} characters{over ? ': too long' : ''}
    </span>
  );
}
