import { useCallback, useEffect, useRef, useState } from 'react';
import type { CachedQueueItem } from '../data/queue-cache-db';
import { searchWords } from '../data/queue-keys';
import { queueRepository, type QueueView } from '../data/queue-repository';
import { useLiveQuery } from '../data/use-live-query';

/** Rows read per page as the clerk scrolls. */
export const queuePageSize = 100;

/** What the queue screen shows for a view: how many match, the rows read so far, and a way to ask for more. */
export interface QueueViewRows {
  /** Envelopes matching the view (a search reports at most its cap, `capped` then set). */
  readonly matching: number;
  /** Envelopes in the whole cached queue. */
  readonly total: number;
  readonly capped: boolean;
  /** True until the first page of the current view is read. */
  readonly loading: boolean;
  /** The row at a position, if its page is read. */
  rowAt(index: number): CachedQueueItem | undefined;
  /** Reads the pages covering positions `from`..`to` that are not read yet. */
  ensure(from: number, to: number): void;
}

const viewKey = (view: QueueView): string => JSON.stringify(view);

/**
 * The queue screen's rows, read page by page from the cache's indexes: the first page at once, later ones by keyset
 * (or by position after a jump) as the clerk scrolls. Each sync write bumps the cache's revision; the pages in view
 * are then read again, and nothing else.
 */
export function useQueueView(view: QueueView): QueueViewRows {
  const key = viewKey(view);
  const searching = searchWords(view.filter.search).length > 0;
  const revision = useLiveQuery(() => queueRepository.revision(), 'revision', 0);
  const counts = useLiveQuery(() => queueRepository.counts(view), key, { matching: 0, total: 0 });
  const [search, setSearch] = useState<{ key: string; rows: readonly CachedQueueItem[]; capped: boolean } | null>(null);
  const [pages, setPages] = useState<{ key: string; revision: number; rows: ReadonlyMap<number, readonly CachedQueueItem[]> }>({ key: '', revision: -1, rows: new Map() });
  const wanted = useRef<{ from: number; to: number }>({ from: 0, to: queuePageSize });
  const reading = useRef(new Set<string>());

  useEffect(() => {
    if (!searching) return;
    let live = true;
    void queueRepository.search(view).then((result) => live && setSearch({ key, rows: result.rows, capped: result.capped }));
    return () => {
      live = false;
    };
    // `view` is named by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, searching, revision]);

  const readPage = useCallback(async (index: number, known: ReadonlyMap<number, readonly CachedQueueItem[]>, forKey: string, forRevision: number) => {
    const tag = `${forKey}@${forRevision}#${index}`;
    if (reading.current.has(tag)) return;
    reading.current.add(tag);
    const previous = known.get(index - 1);
    const last = previous?.length === queuePageSize ? previous.at(-1) : undefined;
    const rows = await queueRepository.page(view, last ? { after: last } : { offset: index * queuePageSize }, queuePageSize);
    reading.current.delete(tag);
    setPages((current) => {
      // A page of an older view or revision is dropped; one of the current is added beside the others.
      if (current.key === forKey && current.revision === forRevision) return { ...current, rows: new Map(current.rows).set(index, rows) };
      if (current.key !== forKey || current.revision < forRevision) return { key: forKey, revision: forRevision, rows: new Map([[index, rows]]) };
      return current;
    });
    // `view` is named by `forKey`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // A new view or a sync write: read again the pages in view (the old rows stay on screen until they arrive).
  useEffect(() => {
    if (searching) return;
    const first = Math.floor(wanted.current.from / queuePageSize);
    const last = Math.floor(wanted.current.to / queuePageSize);
    // Read by position: a row may have moved since the old pages were read.
    const none = new Map<number, readonly CachedQueueItem[]>();
    const same = pages.key === key;
    for (let index = same ? first : 0; index <= (same ? last : 0); index++) void readPage(index, none, key, revision);
    // Only a new view or revision starts this; `pages` is read as it is then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, revision, searching]);

  const current = pages.key === key ? pages.rows : new Map<number, readonly CachedQueueItem[]>();
  return {
    matching: searching ? (search?.key === key ? search.rows.length : 0) : counts.matching,
    total: counts.total,
    capped: searching && search?.key === key ? search.capped : false,
    loading: searching ? search?.key !== key : pages.key !== key,
    rowAt: (index) => (searching ? (search?.key === key ? search.rows[index] : undefined)
      : current.get(Math.floor(index / queuePageSize))?.[index % queuePageSize]),
    ensure: (from, to) => {
      wanted.current = { from, to };
      if (searching || pages.key !== key) return;
      for (let index = Math.floor(from / queuePageSize); index <= Math.floor(to / queuePageSize); index++) {
        if (!pages.rows.has(index)) void readPage(index, pages.rows, key, pages.revision);
      }
    },
  };
}
