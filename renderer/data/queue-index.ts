import type { QueueItem } from '../../shared/domain/review-queue';
import { filerSortKey, matchesFacets, type QueueSort, type QueueViewFilter } from './queue-keys';

/** What the queue's filters and sorts need of a row, kept in memory for every cached row. */
export interface IndexEntry {
  readonly envelopeId: string;
  readonly submittedAt: string;
  /** The Filer column's sort key ({@link filerSortKey}). */
  readonly filer: string;
  readonly courtLocation: string;
  readonly caseCategory: string;
  readonly newCase: boolean;
  readonly claimedBy: string | null;
}

/** An entry as stored in a bucket record: a tuple (half the size of an object, and quicker to clone). */
export type StoredEntry = readonly [string, string, string, string, string, 0 | 1, string | null];

/** How many bucket records the index is kept in: a change rewrites only the buckets of the rows it touched. */
export const indexBuckets = 64;

/** Where a page starts: after a row already shown (keyset), or at a position (a jump down the scrollbar). */
export type IndexStart = { readonly after: QueueItem } | { readonly offset: number };

/** The index entry of a queue row. */
export function entryOf(item: QueueItem): IndexEntry {
  const { envelopeId, submittedAt, courtLocation, caseCategory, newCase, claimedBy } = item;
  return { envelopeId, submittedAt, filer: filerSortKey(item), courtLocation, caseCategory, newCase, claimedBy };
}

/** The bucket an envelope's entry is stored in (a string hash of its id). */
export function bucketOf(envelopeId: string): number {
  let hash = 0;
  for (let i = 0; i < envelopeId.length; i++) hash = (hash * 31 + envelopeId.charCodeAt(i)) | 0;
  return (hash >>> 0) % indexBuckets;
}

const stored = (e: IndexEntry): StoredEntry =>
  [e.envelopeId, e.submittedAt, e.filer, e.courtLocation, e.caseCategory, e.newCase ? 1 : 0, e.claimedBy];
const fromStored = (s: StoredEntry): IndexEntry => ({
  envelopeId: s[0], submittedAt: s[1], filer: s[2], courtLocation: s[3], caseCategory: s[4], newCase: s[5] === 1, claimedBy: s[6],
});

type Compare = (a: IndexEntry, b: IndexEntry) => number;

// Code-unit order, as IndexedDB orders string keys; ties by submitted time, then envelope id.
const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const bySubmitted = (a: IndexEntry, b: IndexEntry): number =>
  order(a.submittedAt, b.submittedAt) || order(a.envelopeId, b.envelopeId);
const byFiler = (a: IndexEntry, b: IndexEntry): number => order(a.filer, b.filer) || bySubmitted(a, b);

/**
 * The queue cache's index, in memory: every row's filter facts in submitted order and in Filer order. A page of
 * any filter and sort is a walk from a position (binary search for a keyset start) collecting matches, so no
 * IndexedDB index entry is written per facet: a sync writes each row once. Kept in {@link indexBuckets} records.
 */
export class QueueIndex {
  readonly #entries = new Map<string, IndexEntry>();
  #submitted: IndexEntry[] | null = null;
  #filer: IndexEntry[] | null = null;

  /** The index of these entries. */
  static of(entries: Iterable<IndexEntry>): QueueIndex {
    const index = new QueueIndex();
    for (const entry of entries) index.#entries.set(entry.envelopeId, entry);
    return index;
  }

  /** The index kept in bucket records. */
  static fromBuckets(buckets: readonly { readonly entries: readonly StoredEntry[] }[]): QueueIndex {
    return QueueIndex.of(buckets.flatMap((bucket) => bucket.entries.map(fromStored)));
  }

  /** How many rows it holds. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry of an envelope, if cached. */
  get(envelopeId: string): IndexEntry | undefined {
    return this.#entries.get(envelopeId);
  }

  /** Every envelope id it holds. */
  ids(): IterableIterator<string> {
    return this.#entries.keys();
  }

  /**
   * Adds or replaces a row's entry, moving it in both orders (a binary search and a splice); after many moves in a
   * row (a full sync) the orders are dropped and sorted again when next read.
   */
  put(entry: IndexEntry): void {
    const before = this.#entries.get(entry.envelopeId);
    this.#entries.set(entry.envelopeId, entry);
    this.#submitted = this.#move(this.#submitted, before, entry, bySubmitted);
    this.#filer = this.#move(this.#filer, before, entry, byFiler);
  }

  /** Removes a row's entry. */
  delete(envelopeId: string): void {
    const before = this.#entries.get(envelopeId);
    if (!before) return;
    this.#entries.delete(envelopeId);
    this.#submitted = this.#move(this.#submitted, before, null, bySubmitted);
    this.#filer = this.#move(this.#filer, before, null, byFiler);
  }

  /** The bucket records of the buckets asked for (all when none are named). */
  buckets(only?: ReadonlySet<number>): { bucket: number; entries: StoredEntry[] }[] {
    const records = new Map<number, StoredEntry[]>();
    for (let bucket = 0; bucket < indexBuckets; bucket++) if (!only || only.has(bucket)) records.set(bucket, []);
    for (const entry of this.#entries.values()) records.get(bucketOf(entry.envelopeId))?.push(stored(entry));
    return [...records].map(([bucket, entries]) => ({ bucket, entries }));
  }

  /** The envelope ids of one page of a view: `limit` matches from `start`, in the sort's order. */
  page(filter: QueueViewFilter, username: string, sort: QueueSort, start: IndexStart, limit: number): string[] {
    const filerOrder = sort === 'filer' || sort === 'filer-desc';
    const rows = this.#ordered(filerOrder);
    const compare = filerOrder ? byFiler : bySubmitted;
    const step = sort === 'newest' || sort === 'filer-desc' ? -1 : 1;
    let at = step === 1 ? 0 : rows.length - 1;
    let skip = 0;
    if ('after' in start) {
      const probe = entryOf(start.after);
      // The first entry past the row shown last, in the walk's direction.
      const firstAbove = upperBound(rows, probe, compare);
      at = step === 1 ? firstAbove : lowerBound(rows, probe, compare) - 1;
    } else skip = start.offset;
    const ids: string[] = [];
    for (; at >= 0 && at < rows.length && ids.length < limit; at += step) {
      const entry = rows[at] as IndexEntry;
      if (!matchesFacets(entry, filter, username)) continue;
      if (skip > 0) skip -= 1;
      else ids.push(entry.envelopeId);
    }
    return ids;
  }

  #ordered(filerOrder: boolean): IndexEntry[] {
    if (!this.#submitted && !this.#filer) this.#moves = 0;
    if (filerOrder) return (this.#filer ??= [...this.#entries.values()].sort(byFiler));
    return (this.#submitted ??= [...this.#entries.values()].sort(bySubmitted));
  }

  #moves = 0;

  /** One order with `before` taken out and `after` put in its place; null (sort when read) after many moves. */
  #move(rows: IndexEntry[] | null, before: IndexEntry | undefined, after: IndexEntry | null, compare: Compare): IndexEntry[] | null {
    if (!rows) return null;
    if (before && after && compare(before, after) === 0) {
      const at = lowerBound(rows, before, compare);
      if (rows[at]?.envelopeId === before.envelopeId) rows[at] = after;
      return rows;
    }
    this.#moves += 1;
    if (this.#moves > 2000) return null;
    if (before) {
      const at = lowerBound(rows, before, compare);
      if (rows[at]?.envelopeId === before.envelopeId) rows.splice(at, 1);
    }
    if (after) rows.splice(lowerBound(rows, after, compare), 0, after);
    return rows;
  }
}

/** The first position whose entry is not below `probe`. */
function lowerBound(rows: readonly IndexEntry[], probe: IndexEntry, compare: Compare): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(rows[mid] as IndexEntry, probe) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first position whose entry is above `probe`. */
function upperBound(rows: readonly IndexEntry[], probe: IndexEntry, compare: Compare): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(rows[mid] as IndexEntry, probe) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
