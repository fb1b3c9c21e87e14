import { Dexie } from 'dexie';
import type { AppError } from '../../shared/errors';
import type { QueuePage, QueueRequest } from '../../shared/domain/review-queue';
import type { Result } from '../../shared/result';
import { getApi } from '../app/api';
import { cachedRow, queueCache, type CachedQueueItem, type QueueCacheDb } from './queue-cache-db';
import { bucketOf, entryOf, type QueueIndex } from './queue-index';
import { saveIndex, writingIndex } from './queue-index-cache';
import { facetKeysOf, type FacetFacts } from './queue-keys';

/** What a sync did: the whole queue read again, or only its changes since the last sync. */
export type SyncOutcome =
  | { ok: true; kind: 'full' | 'changes'; total: number; written: number; removed: number; pages: number }
  | { ok: false; error: AppError };

/** Asks the EFM for one page of its queue (the app's `queue:page`; tests give the service directly). */
export type QueuePageSource = (request: Pick<QueueRequest, 'pageSize' | 'cursor' | 'changedSince'>) => Promise<Result<QueuePage>>;

const fromEfm: QueuePageSource = (request) => getApi().queue.page({ ...request, sort: 'oldest-first' });

/** The sync bookkeeping kept beside the rows. */
interface SyncState {
  token: string | null;
  counts: Map<string, number>;
  revision: number;
}

async function readState(store: QueueCacheDb): Promise<SyncState> {
  const entries = new Map((await store.syncState.toArray()).map((entry) => [entry.key, entry.value]));
  const counts = JSON.parse(entries.get('counts') ?? '{}') as Record<string, number>;
  return {
    token: entries.get('changeToken') || null,
    counts: new Map(Object.entries(counts)),
    revision: Number(entries.get('revision') ?? 0),
  };
}

const countsEntry = (state: SyncState) => ({ key: 'counts', value: JSON.stringify(Object.fromEntries(state.counts)) });

function count(state: SyncState, row: FacetFacts, delta: 1 | -1): void {
  for (const key of facetKeysOf(row)) {
    const next = (state.counts.get(key) ?? 0) + delta;
    if (next > 0) state.counts.set(key, next);
    else state.counts.delete(key);
  }
}

/**
 * Puts rows and deletes ids in the queue store of the transaction under way, straight through IndexedDB: Dexie's
 * bookkeeping for live queries cost 2 s of a 50,000-row sync, and nothing watches the rows (screens watch the
 * revision, written through Dexie in the same transaction). A failed request aborts the transaction.
 */
function writeRows(rows: readonly CachedQueueItem[], removed: readonly string[]): void {
  const transaction = Dexie.currentTransaction?.idbtrans;
  if (!transaction) throw new Error('the queue rows are written inside a transaction');
  const queue = transaction.objectStore('queue');
  for (const row of rows) queue.put(row);
  for (const envelopeId of removed) queue.delete(envelopeId);
}

/**
 * Writes one page in one transaction: rows put, ids dropped, the counts per facet moved with them; then the index in
 * memory follows (the buckets it touched are noted, to be saved at the end of the run).
 */
async function applyPage(
  store: QueueCacheDb, state: SyncState, index: QueueIndex, rows: readonly CachedQueueItem[],
  removed: readonly string[], touched: Set<number>,
): Promise<number> {
  const gone = await store.transaction('rw', store.queue, store.syncState, async () => {
    let dropped = 0;
    for (const row of rows) {
      const before = index.get(row.envelopeId);
      if (before) count(state, before, -1);
      count(state, row, 1);
    }
    for (const envelopeId of removed) {
      const before = index.get(envelopeId);
      if (before) count(state, before, -1);
      if (before) dropped += 1;
    }
    writeRows(rows, removed);
    state.revision += 1;
    await store.syncState.bulkPut([countsEntry(state), { key: 'revision', value: String(state.revision) }]);
    return dropped;
  });
  for (const row of rows) {
    index.put(entryOf(row));
    touched.add(bucketOf(row.envelopeId));
  }
  for (const envelopeId of removed) {
    index.delete(envelopeId);
    touched.add(bucketOf(envelopeId));
  }
  return gone;
}

let running: Promise<SyncOutcome> | null = null;
// Syncs and drops write the counts read-modify-write: they run one after the other.
let writes: Promise<unknown> = Promise.resolve();

function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const next = writes.catch(() => undefined).then(work);
  writes = next;
  return next;
}

/**
 * Takes envelopes out of the local queue at once (a review just completed), with the counts: the clerk does not
 * see them again, and the next sync lists them as removed anyway. Never at the same time as a sync.
 */
export function dropFromQueue(envelopeIds: readonly string[]): Promise<void> {
  if (envelopeIds.length === 0) return Promise.resolve();
  return exclusive(() => {
    const store = queueCache();
    return writingIndex(store, async (index) => {
      const state = await readState(store);
      const before = state.revision;
      const touched = new Set<number>();
      await applyPage(store, state, index, [], envelopeIds, touched);
      const save = (): Promise<void> => saveIndex(store, index, touched, before, state.revision);
      await store.transaction('rw', store.queueIndex, store.syncState, save);
      return { result: undefined, revision: state.revision };
    });
  });
}

/**
 * Brings the local queue cache up to the EFM's queue. With the change token of the last complete sync, only what
 * changed since is read and written (envelopes changed, claims taken or run out, envelopes gone); otherwise the
 * whole queue, page by page (no cap), after which rows the EFM no longer lists are dropped. The next page is asked
 * for while the current one is written. The token is kept only once a run is complete, so an interrupted run is
 * repeated, never half-applied. One run at a time: asking while one runs joins it.
 */
export function syncQueue(pageSize = 5000, source: QueuePageSource = fromEfm): Promise<SyncOutcome> {
  running ??= exclusive(() => runSync(pageSize, source)).finally(() => {
    running = null;
  });
  return running;
}

function runSync(pageSize: number, source: QueuePageSource): Promise<SyncOutcome> {
  const store = queueCache();
  return writingIndex(store, async (index) => {
    const state = await readState(store);
    const outcome = await syncPages(store, state, index, pageSize, source);
    return { result: outcome, revision: state.revision };
  });
}

async function syncPages(
  store: QueueCacheDb, state: SyncState, index: QueueIndex, pageSize: number, source: QueuePageSource,
): Promise<SyncOutcome> {
  const revisionBefore = state.revision;
  const first = await source({ pageSize, cursor: null, changedSince: state.token });
  if (!first.ok) return first;
  const changesOnly = first.value.changesOnly;
  // A full run lists the whole queue: what it does not list has left the EFM's queue.
  const seen = changesOnly ? null : new Set<string>();
  const touched = new Set<number>();
  let page = first.value;
  let written = 0;
  let removed = 0;
  let pages = 0;
  for (;;) {
    const cursor = page.nextCursor;
    const next = cursor ? source({ pageSize, cursor, changedSince: changesOnly ? state.token : null }) : null;
    for (const item of page.items) seen?.add(item.envelopeId);
    removed += await applyPage(store, state, index, page.items.map(cachedRow), page.removed, touched);
    written += page.items.length;
    pages += 1;
    if (!next) break;
    const answer = await next;
    if (!answer.ok) return answer;
    page = answer.value;
  }
  const stale = seen ? [...index.ids()].filter((envelopeId) => !seen.has(envelopeId)) : [];
  removed += stale.length;
  await store.transaction('rw', store.queue, store.syncState, store.queueIndex, async () => {
    for (const envelopeId of stale) {
      const entry = index.get(envelopeId);
      if (entry) count(state, entry, -1);
    }
    writeRows([], stale);
    state.revision += 1;
    await store.syncState.bulkPut([
      countsEntry(state),
      { key: 'revision', value: String(state.revision) },
      { key: 'changeToken', value: first.value.changeToken ?? '' },
      { key: 'lastSync', value: new Date().toISOString() },
    ]);
    for (const envelopeId of stale) index.delete(envelopeId);
    // A full run saves the whole index; a run of changes the buckets it touched.
    await saveIndex(store, index, changesOnly ? touched : null, revisionBefore, state.revision);
  });
  return { ok: true, kind: changesOnly ? 'changes' : 'full', total: first.value.totalCount, written, removed, pages };
}
