import type { CachedQueueItem } from '../data/queue-cache-db';
import { compareForSort, searchWords } from '../data/queue-keys';
import { queueRepository, type QueueView } from '../data/queue-repository';

let opened: { readonly row: CachedQueueItem; readonly view: QueueView } | null = null;

/** Remembers the row the clerk opened and the queue view it was in: "next" means next in that view. */
export function rememberOpened(row: CachedQueueItem, view: QueueView): void {
  opened = { row, view };
}

/**
 * The envelope after the one opened, in the clerk's view (its filter, search and sort), skipping envelopes another
 * clerk holds and `skip`; null at the end of the view. Read from the local queue cache (a completed envelope has
 * already left it, its place in the order is still known).
 */
export async function nextInView(envelopeId: string, skip: ReadonlySet<string> = new Set()): Promise<CachedQueueItem | null> {
  if (!opened || opened.row.envelopeId !== envelopeId) return null;
  const { row, view } = opened;
  const free = (candidate: CachedQueueItem): boolean =>
    candidate.envelopeId !== envelopeId && !skip.has(candidate.envelopeId) && (candidate.claimedBy === null || candidate.claimedBy === view.username);
  const order = compareForSort(view.sort);
  const candidates = searchWords(view.filter.search).length > 0
    ? (await queueRepository.search(view)).rows.filter((candidate) => order(row, candidate) < 0)
    : await queueRepository.page(view, { after: row }, 50);
  const next = candidates.find(free) ?? null;
  // Opened in its turn: the one after it is next again in the same view.
  if (next) opened = { row: next, view };
  return next;
}
