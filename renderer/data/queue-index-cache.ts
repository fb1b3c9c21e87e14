import { queueCache, type QueueCacheDb } from './queue-cache-db';
import { entryOf, QueueIndex } from './queue-index';

/** The queue index this page holds, and the cache revision it matches. */
let loaded: { index: QueueIndex; revision: number } | null = null;
let loading: Promise<QueueIndex> | null = null;
/** Writes of this page under way: the index in memory is the one they change, even before they commit. */
let writing = 0;

const numberOf = async (store: QueueCacheDb, key: string, otherwise: number): Promise<number> =>
  Number((await store.syncState.get(key))?.value ?? otherwise);

async function load(store: QueueCacheDb): Promise<QueueIndex> {
  return store.transaction('r', store.queue, store.syncState, store.queueIndex, async () => {
    const revision = await numberOf(store, 'revision', 0);
    // The stored index matches the rows when it was saved at this revision; otherwise (a sync broken off) it is made
    // again from the rows.
    const saved = (await numberOf(store, 'indexRevision', -1)) === revision;
    const index = saved
      ? QueueIndex.fromBuckets(await store.queueIndex.toArray())
      : QueueIndex.of((await store.queue.toArray()).map(entryOf));
    loaded = { index, revision };
    return index;
  });
}

/**
 * The queue cache's index in memory, loaded on first use from its bucket records and loaded again when another
 * page (a second window) changed the cache since.
 */
export async function currentIndex(store: QueueCacheDb = queueCache()): Promise<QueueIndex> {
  if (loaded && writing > 0) return loaded.index;
  const revision = await numberOf(store, 'revision', 0);
  if (loaded && loaded.revision >= revision) return loaded.index;
  loading ??= load(store).finally(() => {
    loading = null;
  });
  return loading;
}

/**
 * Runs a write of the cache that changes the index in memory as it goes (`work` gets the index); readers meanwhile
 * use that index. `revision` is the cache revision the write ends at.
 */
export async function writingIndex<T>(
  store: QueueCacheDb, work: (index: QueueIndex) => Promise<{ result: T; revision: number }>,
): Promise<T> {
  const index = await currentIndex(store);
  writing += 1;
  try {
    const { result, revision } = await work(index);
    loaded = { index, revision };
    return result;
  } catch (error) {
    // What the index holds may be ahead of what was committed: it is loaded again from the cache.
    loaded = null;
    throw error;
  } finally {
    writing -= 1;
  }
}

/**
 * Saves the buckets of the index a write touched (all of them when the stored index was not current before it) and
 * marks the stored index current at `revision`. Call inside the write's transaction (it needs `queueIndex` and
 * `syncState`).
 */
export async function saveIndex(
  store: QueueCacheDb, index: QueueIndex, touched: ReadonlySet<number> | null, revisionBefore: number, revision: number,
): Promise<void> {
  const current = (await numberOf(store, 'indexRevision', -1)) === revisionBefore;
  await store.queueIndex.bulkPut(index.buckets(current && touched ? touched : undefined));
  await store.syncState.put({ key: 'indexRevision', value: String(revision) });
}

/** Forgets the index in memory (tests that delete the cache). */
export function forgetIndex(): void {
  loaded = null;
}
