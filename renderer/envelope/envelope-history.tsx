import { useEffect, useState } from 'react';
import { condenseHistory, type HistoryEvent } from '../../shared/domain/envelope-history';
import { getApi } from '../app/api';
import { CourtTime } from '../ui/court-time';

/** Who claimed, released, reassigned, decided, stamped and submitted what on this envelope, and when (from the EFM). */
export function EnvelopeHistory({ envelopeId, refreshKey }: { envelopeId: string; refreshKey: unknown }) {
  const [events, setEvents] = useState<HistoryEvent[] | null>(null);
  useEffect(() => {
    let live = true;
    void getApi().envelope.history({ envelopeId }).then((result) => live && setEvents(result.ok ? result.value : []));
    return () => {
      live = false;
    };
  }, [envelopeId, refreshKey]);
  return (
    <details className="history" open>
      <summary>History</summary>
      {events === null ? <p>Loading…</p> : events.length === 0 ? <p className="hint">Nothing recorded yet.</p> : (
        <ol data-testid="history">
          {condenseHistory(events).map((line, index) => (
            <li key={index}>
              {line.kind === 'event'
                ? <><CourtTime at={line.event.at} /> — {line.event.actor} {line.event.action}{line.event.detail ? `: ${line.event.detail}` : ''}</>
                : <><CourtTime at={line.firstAt} /> to <CourtTime at={line.lastAt} part="time" /> — {line.actor} opened and closed it {line.count} times</>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
