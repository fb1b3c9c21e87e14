import { useEffect, useState } from 'react';

/**
 * A value read from IndexedDB, re-read every `intervalMs` while the component is shown (the outbox changes from
 * the background pump, which has no event to subscribe to). `key` restarts the reading when it changes.
 */
export function usePolled<T>(read: () => Promise<T>, initial: T, intervalMs: number, key = ''): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let live = true;
    const refresh = async (): Promise<void> => {
      const next = await read();
      if (live) setValue(next);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // `read` is a new closure each render; `key` names what it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, intervalMs]);
  return value;
}
