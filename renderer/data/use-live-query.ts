import { useEffect, useState } from 'react';

/**
 * A value read from IndexedDB that stays current: Dexie re-runs `query` whenever a write (in this window or another)
 * touches what it read. `key` names what the query reads; a new key starts a new query. Dexie itself is imported
 * when the first enabled query starts, so a screen that merely holds this hook (the header, before sign-in) paints
 * without it; a disabled query shows `initial`.
 */
export function useLiveQuery<T>(query: () => Promise<T>, key: string, initial: T, enabled = true): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    // Nothing to watch yet (nobody signed in): Dexie is not even loaded.
    if (!enabled) {
      setValue(initial);
      return;
    }
    let stop: (() => void) | null = null;
    let live = true;
    void import('dexie').then(({ liveQuery }) => {
      if (!live) return;
      const subscription = liveQuery(query).subscribe({ next: setValue, error: () => undefined });
      stop = () => subscription.unsubscribe();
    });
    return () => {
      live = false;
      stop?.();
    };
    // `query` is a new closure each render; `key` names what it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled]);
  return value;
}
