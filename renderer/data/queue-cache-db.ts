import { Dexie, type EntityTable } from 'dexie';
import type { QueueItem } from '../../shared/domain/review-queue';
import { facetKeysOf, filerFacetKeysOf, filerSortKey, indexKey, searchTermsOf } from './queue-keys';

/** A queue row as cached: the EFM's item, the sync that last confirmed it, and its index entries. */
export interface CachedQueueItem extends QueueItem {
  /** Full sync run that last confirmed the row; rows from older runs left the EFM's queue. */
  readonly syncId: number;
  /** `facet␞submittedAt␞envelopeId` under each of the row's 16 facets: every filter, oldest or newest first. */
  readonly bySubmitted: readonly string[];
  /** `facet␞filer␞submittedAt␞envelopeId` under the whole queue, location, category, case kind, location+kind. */
  readonly byFiler: readonly string[];
  /** Envelope id, case number and name words, folded (search by their start). */
  readonly terms: readonly string[];
}

/** Small facts about the cache: the last full sync's run, the change token, counts per facet, the revision. */
export interface SyncStateEntry {
  readonly key: string;
  readonly value: string;
}

/** The cached row for an item of the EFM's queue, with its index entries. */
export function cachedRow(item: QueueItem, syncId: number): CachedQueueItem {
  const facets = facetKeysOf(item);
  const filer = filerSortKey(item);
  return {
    ...item,
    syncId,
    bySubmitted: facets.map((facet) => indexKey(facet, item.submittedAt, item.envelopeId)),
    byFiler: filerFacetKeysOf(item).map((facet) => indexKey(facet, filer, item.submittedAt, item.envelopeId)),
    terms: searchTermsOf(item),
  };
}

/**
 * The review-queue cache, in its own IndexedDB database with relaxed durability: everything in it is re-derived
 * from the EFM by the next sync, so a write lost to a power cut costs a refresh, never a decision. Decisions, the
 * outbox, drafts and offline copies live in the strict database (`db/db.ts`): Dexie sets durability per database.
 * Indexes hold only strings (IndexedDB cannot index booleans or nulls), so every filter reads one key range.
 */
export class QueueCacheDb extends Dexie {
  queue!: EntityTable<CachedQueueItem, 'envelopeId'>;
  syncState!: EntityTable<SyncStateEntry, 'key'>;

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
  }
}

let instance: QueueCacheDb | null = null;

/** The queue cache, opened on first use. */
export function queueCache(): QueueCacheDb {
  instance ??= new QueueCacheDb();
  return instance;
}
