import { Dexie, type EntityTable } from 'dexie';
import type { Lease } from '../../shared/domain/review-queue';
import type { Sealed } from '../offline/at-rest-cipher';
import type { SubmitReviewArgs } from '../../shared/ipc/review-schemas';
import type { OutboxState } from '../../shared/outbox/outbox-state';
import type { StampPlacement } from '../../shared/stamp/stamp-layout';
import type { CaseAssignmentDraft, DecisionDraft } from '../envelope/review-draft';
import { requestPersistentStorage } from './persistent-storage';

/** A named queue filter a clerk saved. */
export interface SavedFilter {
  readonly id?: number;
  readonly name: string;
  readonly filter: string;
}

/**
 * The page's mirror of one journaled decision: its delivery state (owned by the main process, which delivers) and
 * what was decided. Never deleted: every decision stays on record.
 */
export interface OutboxEntry extends Omit<OutboxState, 'reviewer' | 'envelopeComplete' | 'fencingToken'> {
  /** The clerk who decided (entries of older versions lack it): delivered only under that clerk's session. */
  readonly reviewer?: string;
  readonly createdAt: string;
  /** What was decided, for the lists (no notes, no documents). */
  readonly summary?: OutboxSummary;
  /** The whole submission (notes, stamped PDFs), sealed at rest. */
  readonly sealedPayload?: Sealed;
  /** Entries of earlier versions kept it in clear; they are sealed on the next start. */
  readonly payload?: SubmitReviewArgs;
}

/** The part of a submission the Outbox lists show: which filings, which outcome, when. */
export interface OutboxSummary {
  readonly decisions: readonly { readonly filingId: string; readonly outcome: 'accepted' | 'rejected' }[];
  readonly decidedAt: string;
}

/**
 * One review episode on this workstation (the filings decided and submitted together), written in the same
 * transaction as its outbox entry. Keyed by idempotency key: an envelope reviewed in several episodes keeps them all.
 */
export interface LocalReview {
  readonly envelopeId: string;
  readonly idempotencyKey: string;
  readonly reviewer: string;
  readonly decisions: readonly { filingId: string; outcome: 'accepted' | 'rejected' }[];
  readonly decidedAt: string;
}

/**
 * An envelope kept for offline review: what `envelope:get` answered, sealed (AES-256-GCM, key held by the main
 * process), who took it, and until when it may be used.
 */
export interface CachedEnvelope {
  readonly envelopeId: string;
  /** The {@link EnvelopeDetail}, sealed. */
  readonly sealed: Sealed;
  readonly cachedAt: string;
  /** Epoch milliseconds after which the copy is wiped (the court's offline-copy days). */
  readonly expiresAt: number;
  /** The clerk who took it: wiped when that clerk signs out. */
  readonly heldBy: string;
  /** The claim taken for offline work (long lease); its fencing token goes with the decisions made offline. */
  readonly lease: Lease | null;
}

/** A document kept for offline review, checked against the EFM's SHA-256 when fetched, then sealed. */
export interface CachedDocument {
  /** `envelopeId/documentId`. */
  readonly key: string;
  readonly envelopeId: string;
  /** The {@link DocumentContent} without its bytes, sealed. */
  readonly sealedMeta: Sealed;
  /** The document's bytes, sealed. */
  readonly sealedBytes: Sealed;
  readonly expiresAt: number;
}

/** What a draft holds (sealed at rest): decisions, corrections, notes, case assignment, stamp positions. */
export interface ReviewDraftContent {
  readonly idempotencyKey: string;
  readonly decisions: readonly (readonly [string, DecisionDraft])[];
  readonly assignment: CaseAssignmentDraft;
  readonly placements: readonly (readonly [string, Readonly<Record<string, StampPlacement>>])[];
}

/**
 * Unsubmitted work on one envelope by one clerk, saved as the clerk types and sealed (AES-256-GCM, the key held by
 * the main process). Deleted once the episode is in the outbox.
 */
export interface StoredReviewDraft {
  /** `username/envelopeId`. */
  readonly key: string;
  readonly username: string;
  readonly envelopeId: string;
  /** The {@link ReviewDraftContent}, sealed. */
  readonly sealed: Sealed;
  readonly updatedAt: string;
}

/** An explanation a clerk saved to use again when rejecting (their own wording, kept on this workstation). */
export interface SavedExplanation {
  readonly id?: number;
  readonly username: string;
  readonly text: string;
  readonly savedAt: string;
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
  savedFilters!: EntityTable<SavedFilter, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  outbox!: EntityTable<OutboxEntry, 'idempotencyKey'>;
  reviewEpisodes!: EntityTable<LocalReview, 'idempotencyKey'>;
  envelopes!: EntityTable<CachedEnvelope, 'envelopeId'>;
  documents!: EntityTable<CachedDocument, 'key'>;
  drafts!: EntityTable<StoredReviewDraft, 'key'>;
  explanations!: EntityTable<SavedExplanation, 'id'>;

  constructor(name = 'clerk-review-desk') {
    // Strict durability: a transaction reports success only once the data is on disk.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      queue: 'envelopeId, submittedAt, courtLocation, caseCategory, newCase, claimedBy, *filingCodes, syncId',
      savedFilters: '++id, &name',
      meta: 'key',
    });
    this.version(2).stores({
      outbox: 'idempotencyKey, envelopeId, status, nextAttemptAt',
      reviews: 'envelopeId, idempotencyKey',
    });
    // v3: episodes keyed by idempotency key (v2 kept one review per envelope); envelopes and documents kept offline.
    this.version(3).stores({
      reviewEpisodes: 'idempotencyKey, envelopeId, decidedAt',
      envelopes: 'envelopeId, cachedAt',
      documents: 'key, envelopeId',
    }).upgrade(async (tx) => {
      const old = await tx.table<LocalReview>('reviews').toArray();
      await tx.table<LocalReview>('reviewEpisodes').bulkPut(old);
    });
    this.version(4).stores({ reviews: null });
    this.version(5).stores({ drafts: 'key, envelopeId, username' });
    // v6: offline copies sealed, with an expiry and their holder. Copies of older versions were kept in clear: dropped.
    this.version(6).stores({ envelopes: 'envelopeId, cachedAt, expiresAt, heldBy', documents: 'key, envelopeId, expiresAt' }).upgrade(async (tx) => {
      await tx.table('envelopes').clear();
      await tx.table('documents').clear();
    });
    // v7: the queue cache moved to its own database with relaxed durability (data/queue-cache-db.ts); it re-syncs.
    this.version(7).stores({ queue: null });
    // v8: the clerks' saved rejection explanations.
    this.version(8).stores({ explanations: '++id, username, [username+text]' });
  }
}

let instance: ClerkReviewDb | null = null;

/** The app's database, opened on first use. */
export function db(): ClerkReviewDb {
  if (!instance) void requestPersistentStorage();
  instance ??= new ClerkReviewDb();
  return instance;
}
