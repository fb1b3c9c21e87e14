import { Dexie, type EntityTable } from 'dexie';
import type { QueueItem } from '../../shared/domain/review-queue';
import type { StoredEntry } from './queue-index';
import { searchTermsOf } from './queue-keys';

/** A queue row as cached: the EFM's item and the terms it is found by (the one IndexedDB index it has). */
export interface CachedQueueItem extends QueueItem {
  /** Envelope id, case number and name words, folded (search by their start). */
  readonly terms: readonly string[];
}

/** Small facts about the cache: the change token, counts per facet, the revision and the index's revision. */
export interface SyncStateEntry {
  readonly key: string;
  readonly value: string;
}

/** One bucket of the in-memory queue index as stored (`queue-index.ts`). */
export interface IndexBucketRecord {
  readonly bucket: number;
  readonly entries: readonly StoredEntry[];
}

/** The cached row for an item of the EFM's queue. */
export function cachedRow(item: QueueItem): CachedQueueItem {
  return { ...item, terms: searchTermsOf(item) };
}

/**
 * The review-queue cache, in its own IndexedDB database with relaxed durability: everything in it is re-derived
 * from the EFM by the next sync, so a write lost to a power cut costs a refresh, never a decision. Decisions, the
 * outbox, drafts and offline copies live in the strict database (`db/db.ts`): Dexie sets durability per database.
 * Rows are written once each, with one index (search terms); the filters and sorts run on an index in memory, kept
 * in a few bucket records beside them (each IndexedDB index entry costs a write: 30 per row made a sync 3× slower).
 */
export class QueueCacheDb extends Dexie {
  queue!: EntityTable<CachedQueueItem, 'envelopeId'>;
  syncState!: EntityTable<SyncStateEntry, 'key'>;
  queueIndex!: EntityTable<IndexBucketRecord, 'bucket'>;

  constructor(name = 'clerk-review-desk-queue') {
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({
      queue: 'envelopeId, submittedAt, courtLocation, caseCategory, newCase, claimedBy, *filingCodes, syncId',
      syncState: 'key',
    });
    // v2: facet indexes (every filter and sort one key range), search terms; the cache re-syncs from the EFM.
    this.version(2).stores({ queue: 'envelopeId, syncId, *bySubmitted, *byFiler, *terms' }).upgrade(async (tx) => {
      await tx.table('queue').clear();
      await tx.table('syncState').clear();
    });
    // v3: the Filer index also under a category alone and a case kind alone (rows and partly decided counts re-sync).
    this.version(3).stores({ queue: 'envelopeId, syncId, *bySubmitted, *byFiler, *terms' }).upgrade(async (tx) => {
      await tx.table('queue').clear();
      await tx.table('syncState').clear();
    });
    // v4: index keys are single strings, not arrays (a fifth less to store per row); the cache re-syncs.
    this.version(4).stores({ queue: 'envelopeId, syncId, *bySubmitted, *byFiler, *terms' }).upgrade(async (tx) => {
      await tx.table('queue').clear();
      await tx.table('syncState').clear();
    });
    // v5: the Filer index also under a location with a case kind; the cache re-syncs.
    this.version(5).stores({ queue: 'envelopeId, syncId, *bySubmitted, *byFiler, *terms' }).upgrade(async (tx) => {
      await tx.table('queue').clear();
      await tx.table('syncState').clear();
    });
    // v6: filters and sorts on an index in memory, kept in bucket records; rows keep only the search terms index.
    this.version(6).stores({ queue: 'envelopeId, *terms', queueIndex: 'bucket' }).upgrade(async (tx) => {
      await tx.table('queue').clear();
      await tx.table('syncState').clear();
    });
  }
}

let instance: QueueCacheDb | null = null;

/** The queue cache, opened on first use. */
export function queueCache(): QueueCacheDb {
  instance ??= new QueueCacheDb();
  return instance;
}
