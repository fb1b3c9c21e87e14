import { Dexie, type EntityTable } from 'dexie';
import type { QueueItem } from '../../shared/domain/review-queue';

/** A queue row as cached locally: the EFM's item plus when this workstation last saw it. */
export interface CachedQueueItem extends QueueItem {
  /** Sync run that last confirmed the row; rows from older runs left the EFM's queue. */
  readonly syncId: number;
}

/** A named queue filter a clerk saved. */
export interface SavedFilter {
  readonly id?: number;
  readonly name: string;
  readonly filter: string;
}

/** Small key/value facts (last sync time, sync run counter). */
export interface MetaEntry {
  readonly key: string;
  readonly value: string;
}

/**
 * The renderer's IndexedDB store (Dexie). Versions are append-only: a new schema is a new `version(n)` below the
 * old ones, never an edit of them, so every installed workstation upgrades in place.
 */
export class ClerkReviewDb extends Dexie {
  queue!: EntityTable<CachedQueueItem, 'envelopeId'>;
  savedFilters!: EntityTable<SavedFilter, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name = 'clerk-review-desk') {
    super(name);
    this.version(1).stores({
      queue: 'envelopeId, submittedAt, courtLocation, caseCategory, newCase, claimedBy, *filingCodes, syncId',
      savedFilters: '++id, &name',
      meta: 'key',
    });
  }
}

let instance: ClerkReviewDb | null = null;

/** The app's database, opened on first use. */
export function db(): ClerkReviewDb {
  instance ??= new ClerkReviewDb();
  return instance;
}
