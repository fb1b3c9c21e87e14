import type { QueueItem } from '../../shared/domain/review-queue';

/** How the queue is ordered on screen. */
export type QueueSort = 'oldest' | 'newest' | 'filer' | 'filer-desc';

/** The filters a clerk sets on the queue screen. */
export interface QueueViewFilter {
  readonly courtLocation: string;
  readonly caseCategory: string;
  readonly caseKind: 'all' | 'new' | 'existing';
  readonly claim: 'all' | 'mine' | 'unclaimed';
  /** Words to find: an envelope id or case number (or their start), a party's or filer's name (word starts). */
  readonly search: string;
}

/** No filter: the whole queue. */
export const noQueueFilter: QueueViewFilter = { courtLocation: '', caseCategory: '', caseKind: 'all', claim: 'all', search: '' };

/**
 * One combination of the queue's facets (location, category, new/existing, holder), `null` meaning "any". Rows are
 * indexed under all 16 combinations of their own values, so every filter the screen offers reads one index range.
 */
type Facet = readonly [string | null, string | null, 'n' | 'e' | null, string | null];

/**
 * A facet as an index key: short (every row stores 16), unambiguous because its markers (NUL for "any", US between
 * values) are characters XML cannot carry, so no code or name from the EFM contains them.
 */
const facetKey = (facet: Facet): string => facet.map((value) => value ?? '\u0000').join('\u001f');

/** Who holds the row's envelope ('' when nobody): the EFM says so with each sync, claims ending included. */
const holderOf = (item: QueueItem): string => item.claimedBy ?? '';

/** The 16 facet keys a row is indexed and counted under. */
export function facetKeysOf(item: QueueItem): string[] {
  const values: Facet = [item.courtLocation, item.caseCategory, item.newCase ? 'n' : 'e', holderOf(item)];
  const keys: string[] = [];
  for (let mask = 0; mask < 16; mask++) {
    keys.push(facetKey(values.map((value, bit) => (mask & (1 << bit) ? null : value)) as unknown as Facet));
  }
  return keys;
}

/** The case-kind facet value a filter asks for ('n' new, 'e' existing), null for both. */
const kindOfFilter = (filter: QueueViewFilter): 'n' | 'e' | null => (filter.caseKind === 'all' ? null : filter.caseKind === 'new' ? 'n' : 'e');

/** The facet key of what the clerk filters on (the search words aside). */
export function facetKeyOfFilter(filter: QueueViewFilter, username: string): string {
  const claim = filter.claim === 'all' ? null : filter.claim === 'mine' ? username : '';
  const kind = kindOfFilter(filter);
  return facetKey([filter.courtLocation || null, filter.caseCategory || null, kind, claim]);
}

/**
 * The facet keys a row is indexed under for the Filer sort (kept few: each costs a write): the whole queue, its
 * location, category and case kind alone, and its location with its case kind (new filings at one location, the
 * view a location's intake clerks keep open).
 */
export function filerFacetKeysOf(item: QueueItem): string[] {
  const kind = item.newCase ? 'n' : 'e';
  return [
    wholeQueueKeyOf(), facetKey([item.courtLocation, null, null, null]), facetKey([null, item.caseCategory, null, null]),
    facetKey([null, null, kind, null]), facetKey([item.courtLocation, null, kind, null]),
  ];
}

/**
 * The Filer-sort facet a filter reads, when it is one of those indexed (the whole queue, or one location, one
 * category or one case kind alone, or a location with a case kind); null otherwise.
 */
export function filerFacetKeyOfFilter(filter: QueueViewFilter): string | null {
  if (filter.claim !== 'all') return null;
  const kind = kindOfFilter(filter);
  const facet: Facet = [filter.courtLocation || null, filter.caseCategory || null, kind, null];
  const set = facet.filter((value) => value !== null).length;
  return set <= 1 || (set === 2 && facet[1] === null && facet[3] === null) ? facetKey(facet) : null;
}

/**
 * The indexed Filer-sort facet to walk for a filter that has none of its own: its location with its case kind,
 * else its location, else its category, else its case kind, else the whole queue; the rows it holds beyond the
 * filter are skipped as they are read.
 */
export function filerScanFacetOf(filter: QueueViewFilter): string {
  const kind = kindOfFilter(filter);
  if (filter.courtLocation && kind) return facetKey([filter.courtLocation, null, kind, null]);
  if (filter.courtLocation) return facetKey([filter.courtLocation, null, null, null]);
  if (filter.caseCategory) return facetKey([null, filter.caseCategory, null, null]);
  return kind ? facetKey([null, null, kind, null]) : wholeQueueKeyOf();
}

const wholeQueueKeyOf = (): string => facetKey([null, null, null, null]);

/** The facet key of the whole queue. */
export const wholeQueueKey = wholeQueueKeyOf();

/** Invisible characters a pasted text may carry: zero-width spaces and joiners, bidirectional controls, BOM. */
const invisible = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Text as searched: compatibility forms folded, accents and invisible characters dropped, lower case. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(invisible, '').toLowerCase();
}

/** The words of a search box, folded; punctuation around a word dropped, inside kept ("2026-cv-000123"). */
export function searchWords(text: string): string[] {
  return foldForSearch(text).split(/\s+/).map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
}

/** The terms a row is found by: its envelope id, its case number, and every word of the filer's name and case title. */
export function searchTermsOf(item: QueueItem): string[] {
  const words = [item.filerName ?? '', item.caseTitle ?? ''].flatMap((text) => foldForSearch(text).split(/[^\p{L}\p{N}]+/u));
  return [...new Set([foldForSearch(item.envelopeId), foldForSearch(item.caseNumber ?? ''), ...words].filter(Boolean))];
}

/** True when every search word starts one of the row's terms. */
export function matchesSearch(terms: readonly string[], words: readonly string[]): boolean {
  return words.every((word) => terms.some((term) => term.startsWith(word)));
}

/** True when a row passes the facet filters (the search words aside). */
export function matchesFacets(item: QueueItem, filter: QueueViewFilter, username: string): boolean {
  return facetKeysOf(item).includes(facetKeyOfFilter(filter, username));
}

/** Sort key of a row's filer, for the Filer column ('' sorts first). */
// Control characters (a tab in a name) become spaces, so a key's parts never hold anything below its separator.
export const filerSortKey = (item: QueueItem): string =>
  Array.from(foldForSearch(item.filerName ?? ''), (char) => (char < ' ' ? ' ' : char)).join('');

/** Separates the parts of an index key; below every character a part holds, so keys order as their parts do. */
export const indexKeySeparator = '\u001e';

/**
 * One index entry as a single string (`facet␞…␞envelopeId`): cheaper to store and compare than an array key, and
 * ordered the same, since no part holds a character below the separator (facet keys use NUL and U+001F only
 * between or for empty values, and end before it).
 */
export function indexKey(...parts: readonly string[]): string {
  return parts.join(indexKeySeparator);
}

/** The key range of one facet in an index: from just after the facet's key to just before the next facet's. */
export function facetRange(facet: string): { lower: string; upper: string } {
  return { lower: facet + indexKeySeparator, upper: facet + String.fromCharCode(indexKeySeparator.charCodeAt(0) + 1) };
}

/** Orders rows as a sort asks, ties by submitted time and then envelope id (as the index does). */
export function compareForSort(sort: QueueSort): (a: QueueItem, b: QueueItem) => number {
  // Code-unit order, as IndexedDB orders string keys.
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const bySubmitted = (a: QueueItem, b: QueueItem): number => order(a.submittedAt, b.submittedAt) || order(a.envelopeId, b.envelopeId);
  const byFiler = (a: QueueItem, b: QueueItem): number => order(filerSortKey(a), filerSortKey(b)) || bySubmitted(a, b);
  const ascending = sort === 'oldest' || sort === 'filer' ? 1 : -1;
  const compare = sort === 'oldest' || sort === 'newest' ? bySubmitted : byFiler;
  return (a, b) => ascending * compare(a, b);
}
