import { db, type OutboxEntry } from '../db/db';
import { usePolled } from '../db/use-polled';

/** The latest outbox entry of an envelope, re-read every half second while shown. */
export function useOutboxEntry(envelopeId: string): OutboxEntry | null {
  return usePolled(async () => (await db().outbox.where('envelopeId').equals(envelopeId).sortBy('createdAt')).at(-1) ?? null, null, 500, envelopeId);
}
