import { useEffect, useState } from 'react';
import { db, type OutboxEntry } from '../db/db';

/** How many recent delivered entries the Outbox screen lists (older ones stay stored, for the record). */
const recentDelivered = 200;

/**
 * The outbox entries worth showing, newest first, re-read every second while shown: every entry not simply
 * delivered, and the most recent delivered ones.
 */
export function useOutbox(): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let live = true;
    const read = async (): Promise<void> => {
      const store = db();
      const open = await store.outbox.where('status').anyOf('pending', 'failed', 'exception', 'discarded').toArray();
      const sent = (await store.outbox.where('status').equals('sent').toArray()).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, recentDelivered);
      if (live) setEntries([...open, ...sent].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
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

/** The number of decisions waiting to be sent, re-counted every second (an index count, cheap however long the record). */
export function useWaitingCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    const read = async (): Promise<void> => {
      const waiting = await db().outbox.where('status').equals('pending').count();
      if (live) setCount(waiting);
    };
    void read();
    const timer = setInterval(() => void read(), 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return count;
}
