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
 * counted under all 16 combinations of their own values, so every filter the screen offers has its count kept.
 */
type Facet = readonly [string | null, string | null, 'n' | 'e' | null, string | null];

/**
 * A facet as a key of the counts, unambiguous because its markers (NUL for "any", US between values) are characters
 * XML cannot carry, so no code or name from the EFM contains them.
 */
const facetKey = (facet: Facet): string => facet.map((value) => value ?? '\u0000').join('\u001f');

/** Who holds the row's envelope ('' when nobody): the EFM says so with each sync, claims ending included. */
const holderOf = (item: FacetFacts): string => item.claimedBy ?? '';

/** What a row's facets are made of. */
export type FacetFacts = Pick<QueueItem, 'courtLocation' | 'caseCategory' | 'newCase' | 'claimedBy'>;

/** The 16 facet keys a row is counted under. */
export function facetKeysOf(item: FacetFacts): string[] {
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

/** The facet key of the whole queue. */
export const wholeQueueKey = facetKey([null, null, null, null]);

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

/** True when a row passes the screen's filters (the search words aside): the one place the filters are decided. */
export function matchesFacets(item: FacetFacts, filter: QueueViewFilter, username: string): boolean {
  if (filter.courtLocation && item.courtLocation !== filter.courtLocation) return false;
  if (filter.caseCategory && item.caseCategory !== filter.caseCategory) return false;
  if (filter.caseKind !== 'all' && (filter.caseKind === 'new') !== item.newCase) return false;
  if (filter.claim === 'mine') return item.claimedBy === username;
  return filter.claim !== 'unclaimed' || item.claimedBy === null;
}

/** Sort key of a row's filer, for the Filer column ('' sorts first). */
// Control characters (a tab in a name) become spaces, so a key's parts never hold anything below its separator.
export const filerSortKey = (item: QueueItem): string =>
  Array.from(foldForSearch(item.filerName ?? ''), (char) => (char < ' ' ? ' ' : char)).join('');

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
