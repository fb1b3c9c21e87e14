import { useEffect, useState } from 'react';
import { db, type OutboxEntry } from '../db/db';

/** Every outbox entry, newest first, re-read every second while shown. */
export function useOutbox(): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let live = true;
    const read = async (): Promise<void> => {
      const all = await db().outbox.orderBy('idempotencyKey').toArray();
      if (live) setEntries(all.sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    };
    void read();
    const timer = setInterval(() => void read(), 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return entries;
}
