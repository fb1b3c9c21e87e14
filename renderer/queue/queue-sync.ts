import type { AppError } from '../../shared/errors';
import { getApi } from '../app/api';
import { queueCache } from '../db/queue-cache-db';

/** What a sync did. */
export type SyncOutcome = { ok: true; total: number; removed: number; pages: number } | { ok: false; error: AppError };

/**
 * Copies the EFM's whole review queue into the local cache, page by page (no cap), in one transaction per page,
 * then drops rows the EFM no longer lists. The clerk's screen reads the cache, so a refresh never loses their place.
 */
export async function syncQueue(pageSize = 5000): Promise<SyncOutcome> {
  const api = getApi();
  const store = queueCache();
  const previous = Number((await store.syncState.get('syncId'))?.value ?? 0);
  const syncId = previous + 1;
  let cursor: string | null = null;
  let total = 0;
  let pages = 0;
  do {
    const page = await api.queue.page({ pageSize, cursor, sort: 'oldest-first' });
    if (!page.ok) return { ok: false, error: page.error };
    await store.queue.bulkPut(page.value.items.map((item) => ({ ...item, syncId })));
    total += page.value.items.length;
    pages += 1;
    cursor = page.value.nextCursor;
  } while (cursor);
  const removed = await store.transaction('rw', store.queue, store.syncState, async () => {
    const stale = await store.queue.where('syncId').below(syncId).delete();
    await store.syncState.bulkPut([{ key: 'syncId', value: String(syncId) }, { key: 'lastSync', value: new Date().toISOString() }]);
    return stale;
  });
  return { ok: true, total, removed, pages };
}
