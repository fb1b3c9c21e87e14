import { useEffect, useState } from 'react';
import type { HistoryEvent } from '../../shared/domain/envelope-history';
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
          {events.map((event, index) => (
            <li key={index}>
              <CourtTime at={event.at} /> — {event.actor} {event.action}{event.detail ? `: ${event.detail}` : ''}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
