import { usePolled } from '../db/use-polled';

/**
 * The number of decisions waiting to be sent, re-counted every second (an index count, cheap however long the
 * record), while someone is signed in. The database code is imported on the first count, after sign-in.
 */
export function useWaitingCount(active: boolean): number {
  const count = async (): Promise<number> => (active ? (await import('../db/db')).db().outbox.where('status').equals('pending').count() : 0);
  return usePolled(count, 0, 1000, String(active));
}
