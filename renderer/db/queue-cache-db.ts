import { Dexie, type EntityTable } from 'dexie';
import type { CachedQueueItem, MetaEntry } from './db';

/**
 * The review-queue cache, in its own IndexedDB database with relaxed durability: everything in it is re-derived
 * from the EFM by the next sync, so a write lost to a power cut costs a refresh, never a decision. Decisions, the
 * outbox, drafts and offline copies live in the strict database (`db.ts`): Dexie sets durability per database.
 */
export class QueueCacheDb extends Dexie {
  queue!: EntityTable<CachedQueueItem, 'envelopeId'>;
  /** Sync bookkeeping: the sync run counter and when the last sync finished. */
  syncState!: EntityTable<MetaEntry, 'key'>;

  constructor(name = 'clerk-review-desk-queue') {
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({
      queue: 'envelopeId, submittedAt, courtLocation, caseCategory, newCase, claimedBy, *filingCodes, syncId',
      syncState: 'key',
    });
  }
}

let instance: QueueCacheDb | null = null;

/** The queue cache, opened on first use. */
export function queueCache(): QueueCacheDb {
  instance ??= new QueueCacheDb();
  return instance;
}
