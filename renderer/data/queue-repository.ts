import { queueCache, type CachedQueueItem } from './queue-cache-db';
import {
  compareForSort, facetKeyOfFilter, facetRange, filerFacetKeyOfFilter, filerScanFacetOf, matchesFacets, matchesSearch, searchWords, wholeQueueKey,
  type QueueSort, type QueueViewFilter,
} from './queue-keys';

/** What the queue screen shows: a filter, a sort, for a clerk ('mine' is theirs). */
export interface QueueView {
  readonly filter: QueueViewFilter;
  readonly sort: QueueSort;
  readonly username: string;
}

/** Where a page starts: after a row already shown (keyset), or at a position (a jump down the scrollbar). */
export type PageStart = { readonly after: CachedQueueItem } | { readonly offset: number };

/** Tuning: a Filer-sorted view with no index of its own and at most this many rows is read whole and sorted here. */
export const queueReadTuning = { sortInMemoryUpTo: 1000 };

/** The most rows one search collects; more matches are reported as "at least". */
export const searchCap = 2000;

/** A search's matches, all in memory (at most {@link searchCap}), in the view's order. */
export interface SearchResult {
  readonly rows: readonly CachedQueueItem[];
  /** True when there were more matches than {@link searchCap}. */
  readonly capped: boolean;
}

const indexOf = (sort: QueueSort): 'bySubmitted' | 'byFiler' => (sort === 'filer' || sort === 'filer-desc' ? 'byFiler' : 'bySubmitted');
const reversed = (sort: QueueSort): boolean => sort === 'newest' || sort === 'filer-desc';

/** The key a row has under a facet in an index. */
function keyOf(row: CachedQueueItem, facet: string, index: 'bySubmitted' | 'byFiler'): string {
  const entries = index === 'byFiler' ? row.byFiler : row.bySubmitted;
  const { lower } = facetRange(facet);
  return entries.find((entry) => entry.startsWith(lower)) ?? lower;
}

/** Reads `limit` rows of one facet range of an index, in a sort's direction, from a start; `pass` skips rows. */
async function readRange(
  index: 'bySubmitted' | 'byFiler', facet: string, sort: QueueSort, start: PageStart, limit: number,
  pass?: (row: CachedQueueItem) => boolean,
): Promise<CachedQueueItem[]> {
  const reverse = reversed(sort);
  let { lower, upper } = facetRange(facet);
  const after = 'after' in start ? keyOf(start.after, facet, index) : null;
  if (after && reverse) upper = after;
  else if (after) lower = after;
  // The facet's own bounds are never keys; a keyset bound (the row shown last) is left out.
  let rows = queueCache().queue.where(index).between(lower, upper, !(after && !reverse), false);
  if (reverse) rows = rows.reverse();
  if (pass) rows = rows.filter(pass);
  if ('offset' in start && start.offset > 0) rows = rows.offset(start.offset);
  return rows.limit(limit).toArray();
}

/**
 * Reads the cached queue for the screen without reading the whole table: every filter and sort is one range of a
 * facet index, read with a limit (later pages by keyset as the clerk scrolls); counts come from the sync's tallies.
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
    const facet = facetKeyOfFilter(view.filter, view.username);
    if (indexOf(view.sort) === 'bySubmitted') return readRange('bySubmitted', facet, view.sort, start, limit);
    const filerFacet = filerFacetKeyOfFilter(view.filter);
    if (filerFacet !== null) return readRange('byFiler', filerFacet, view.sort, start, limit);
    // Filer order under a filter the Filer index does not carry: a small view is read whole (one facet range) and
    // sorted here; a large one is read in Filer order over the whole queue, skipping rows the filter does not pass.
    const { matching } = await queueRepository.counts(view);
    if (matching <= queueReadTuning.sortInMemoryUpTo) {
      const rows = (await readRange('bySubmitted', facet, 'oldest', { offset: 0 }, matching + 1)).sort(compareForSort(view.sort));
      const from = 'after' in start ? rows.findIndex((row) => row.envelopeId === start.after.envelopeId) + 1 : start.offset;
      return rows.slice(from, from + limit);
    }
    return readRange('byFiler', filerScanFacetOf(view.filter), view.sort, start, limit, (row) => matchesFacets(row, view.filter, view.username));
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
