import { useEffect, useState } from 'react';
import type { ClerkReviewDb } from '../db/db';
import { useLiveQuery } from '../data/use-live-query';

/**
 * The number of decisions waiting to be sent while someone is signed in, kept current as the pump writes the outbox
 * (a live query over an index count, cheap however long the record). The database code is imported at sign-in, so
 * the sign-in screen paints without it.
 */
export function useWaitingCount(active: boolean): number {
  const [store, setStore] = useState<ClerkReviewDb | null>(null);
  useEffect(() => {
    if (!active || store) return;
    let live = true;
    void import('../db/db').then((module) => live && setStore(module.db()));
    return () => {
      live = false;
    };
  }, [active, store]);
  const ready = active && store !== null;
  return useLiveQuery(async () => (store ? store.outbox.where('status').equals('pending').count() : 0), String(ready), 0, ready);
}
