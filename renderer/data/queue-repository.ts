import { queueCache, type CachedQueueItem } from './queue-cache-db';
import type { IndexStart } from './queue-index';
import { currentIndex } from './queue-index-cache';
import {
  compareForSort, facetKeyOfFilter, matchesFacets, matchesSearch, searchWords, wholeQueueKey,
  type QueueSort, type QueueViewFilter,
} from './queue-keys';

/** What the queue screen shows: a filter, a sort, for a clerk ('mine' is theirs). */
export interface QueueView {
  readonly filter: QueueViewFilter;
  readonly sort: QueueSort;
  readonly username: string;
}

/** Where a page starts: after a row already shown (keyset), or at a position (a jump down the scrollbar). */
export type PageStart = IndexStart;

/** The most rows one search collects; more matches are reported as "at least". */
export const searchCap = 2000;

/** A search's matches, all in memory (at most {@link searchCap}), in the view's order. */
export interface SearchResult {
  readonly rows: readonly CachedQueueItem[];
  /** True when there were more matches than {@link searchCap}. */
  readonly capped: boolean;
}

/** The cached rows of these envelope ids, in their order. */
async function rowsOf(envelopeIds: readonly string[]): Promise<CachedQueueItem[]> {
  const rows = await queueCache().queue.bulkGet([...envelopeIds]);
  return rows.filter((row): row is CachedQueueItem => row !== undefined);
}

/**
 * Reads the cached queue for the screen without reading the whole table: every filter and sort is a walk of the
 * index in memory from a position, with a limit (later pages by keyset as the clerk scrolls), then the rows of that
 * page by key; counts come from the sync's tallies.
 */
export const queueRepository = {
  /** The envelopes a view matches and the whole queue, from the counts the sync keeps (no rows read). */
  async counts(view: QueueView): Promise<{ matching: number; total: number }> {
    const stored = await queueCache().syncState.get('counts');
    const counts = JSON.parse(stored?.value ?? '{}') as Record<string, number>;
    return { matching: counts[facetKeyOfFilter(view.filter, view.username)] ?? 0, total: counts[wholeQueueKey] ?? 0 };
  },

  /** One page of a view (the search words aside), `limit` rows from `start`. */
  async page(view: QueueView, start: PageStart, limit: number): Promise<CachedQueueItem[]> {
    const index = await currentIndex();
    return rowsOf(index.page(view.filter, view.username, view.sort, start, limit));
  },

  /**
   * Rows whose envelope id, case number or party/filer name words start with the search words, passing the view's
   * filters, in its order. The rarest-looking word (the longest) reads the term index; the others are checked on
   * the rows found.
   */
  async search(view: QueueView): Promise<SearchResult> {
    const words = searchWords(view.filter.search);
    const probe = [...words].sort((a, b) => b.length - a.length)[0];
    if (!probe) return { rows: [], capped: false };
    const found = await queueCache().queue.where('terms').startsWith(probe).distinct().limit(searchCap + 1).toArray();
    const rows = found.filter((row) => matchesSearch(row.terms, words) && matchesFacets(row, view.filter, view.username));
    return { rows: rows.slice(0, searchCap).sort(compareForSort(view.sort)), capped: found.length > searchCap };
  },

  /** The first `limit` unclaimed envelopes of a view, in its order (to take offline). */
  async unclaimed(view: QueueView, limit: number): Promise<CachedQueueItem[]> {
    const free: QueueView = { ...view, filter: { ...view.filter, claim: 'unclaimed' } };
    if (searchWords(view.filter.search).length > 0) return (await queueRepository.search(free)).rows.slice(0, limit);
    return queueRepository.page(free, { offset: 0 }, limit);
  },

  /** Every cached row (the supervisor's aging chart and claims table read the whole queue). */
  async everything(): Promise<CachedQueueItem[]> {
    return queueCache().queue.toArray();
  },

  /** The revision the sync bumps on every write: a live query on it re-reads what the screen shows. */
  async revision(): Promise<number> {
    return Number((await queueCache().syncState.get('revision'))?.value ?? 0);
  },

  /** When the last sync completed, or null. */
  async lastSync(): Promise<string | null> {
    return (await queueCache().syncState.get('lastSync'))?.value ?? null;
  },
};
