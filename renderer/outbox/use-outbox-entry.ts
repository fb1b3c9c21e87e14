import { db, type OutboxEntry } from '../db/db';
import { useLiveQuery } from '../data/use-live-query';

/** The latest outbox entry of an envelope, kept current as the pump writes it (a live query). */
export function useOutboxEntry(envelopeId: string): OutboxEntry | null {
  return useLiveQuery(async () => (await db().outbox.where('envelopeId').equals(envelopeId).sortBy('createdAt')).at(-1) ?? null, envelopeId, null);
}
