import { db, type OutboxEntry } from '../db/db';
import { usePolled } from '../db/use-polled';

/** How many recent delivered entries the Outbox screen lists (older ones stay stored, for the record). */
const recentDelivered = 200;

/**
 * The outbox entries worth showing, newest first, re-read every second while shown: every entry not simply
 * delivered, and the most recent delivered ones.
 */
export function useOutbox(): OutboxEntry[] {
  return usePolled(async () => {
    const store = db();
    const open = await store.outbox.where('status').anyOf('pending', 'failed', 'exception', 'discarded').toArray();
    const sent = (await store.outbox.where('status').equals('sent').toArray()).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, recentDelivered);
    return [...open, ...sent].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }, [], 1000);
}
