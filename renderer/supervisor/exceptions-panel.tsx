import { useState } from 'react';
import type { DocketingException } from '../../shared/domain/supervision';
import { getApi } from '../app/api';
import { CourtTime } from '../ui/court-time';
import { Alert } from '../ui/alert';

/** Filings the court record system refused: retry the docketing or record that it was resolved by hand, with a note. */
export function ExceptionsPanel({ exceptions, onChanged }: { exceptions: readonly DocketingException[]; onChanged: () => void }) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const act = async (exception: DocketingException, action: 'retry' | 'resolve'): Promise<void> => {
    const result = await getApi().supervisor.resolveException({ exceptionId: exception.exceptionId, action, note: notes[exception.exceptionId] ?? '' });
    setMessage(result.ok ? `${exception.exceptionId}: ${action === 'retry' ? 'sent again' : 'marked resolved'}.` : result.error.message);
    if (result.ok) onChanged();
  };
  return (
    <section aria-labelledby="exceptions-title" className="panel">
      <h3 id="exceptions-title">Docketing exceptions</h3>
      {exceptions.length === 0 ? <p>No open docketing exception.</p> : (
        <ul data-testid="exceptions">
          {exceptions.map((exception) => (
            <li key={exception.exceptionId}>
              <strong>{exception.exceptionId}</strong> {exception.envelopeId}/{exception.filingId}: {exception.reason} (<CourtTime at={exception.at} />)
              <label> Note <input value={notes[exception.exceptionId] ?? ''} onChange={(event) => setNotes({ ...notes, [exception.exceptionId]: event.target.value })} /></label>
              <button type="button" onClick={() => void act(exception, 'retry')}>Retry</button>
              <button type="button" onClick={() => void act(exception, 'resolve')}>Resolved by hand</button>
            </li>
          ))}
        </ul>
      )}
      {message && <Alert tone="info">{message}</Alert>}
    </section>
  );
}
