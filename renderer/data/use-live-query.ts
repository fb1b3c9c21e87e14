import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

/**
 * A value read from IndexedDB that stays current: Dexie re-runs `query` whenever a write (in this window or another)
 * touches what it read. `key` names what the query reads; a new key starts a new query.
 */
export function useLiveQuery<T>(query: () => Promise<T>, key: string, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => undefined });
    return () => subscription.unsubscribe();
    // `query` is a new closure each render; `key` names what it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return value;
}
