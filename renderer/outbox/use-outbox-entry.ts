import { useEffect, useState } from 'react';
import { db, type OutboxEntry } from '../db/db';

/** The latest outbox entry of an envelope, re-read every half second while shown. */
export function useOutboxEntry(envelopeId: string): OutboxEntry | null {
  const [entry, setEntry] = useState<OutboxEntry | null>(null);
  useEffect(() => {
    let live = true;
    const read = async (): Promise<void> => {
      const entries = await db().outbox.where('envelopeId').equals(envelopeId).sortBy('createdAt');
      if (live) setEntry(entries.at(-1) ?? null);
    };
    void read();
    const timer = setInterval(() => void read(), 500);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [envelopeId]);
  return entry;
}
