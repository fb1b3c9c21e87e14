import { db, type OutboxEntry } from '../db/db';
import { useLiveQuery } from '../data/use-live-query';

/** How many recent delivered entries the Outbox screen lists (older ones stay stored, for the record). */
const recentDelivered = 200;

/**
 * The outbox entries worth showing, newest first, kept current as the pump writes them (a live query): every entry
 * not simply delivered, and the most recent delivered ones.
 */
export function useOutbox(): OutboxEntry[] {
  return useLiveQuery(async () => {
    const store = db();
    const open = await store.outbox.where('status').anyOf('pending', 'failed', 'exception', 'discarded').toArray();
    const sent = (await store.outbox.where('status').equals('sent').toArray()).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, recentDelivered);
    return [...open, ...sent].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }, 'outbox', []);
}
