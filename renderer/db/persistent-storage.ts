import { useEffect, useState } from 'react';

/** Whether the browser keeps this app's IndexedDB under storage pressure: persistent, best-effort, or unknown. */
export type StorageMode = 'persistent' | 'best-effort' | 'unknown';

let requested: Promise<StorageMode> | null = null;

/**
 * Asks once for persistent storage, so the browser never evicts the outbox or the offline copies to make room
 * (Electron grants it; a browser may decline, and the Status screen then says so).
 */
export function requestPersistentStorage(): Promise<StorageMode> {
  requested ??= (async () => {
    if (!navigator.storage?.persist) return 'unknown';
    try {
      return (await navigator.storage.persisted()) || (await navigator.storage.persist()) ? 'persistent' : 'best-effort';
    } catch {
      return 'unknown';
    }
  })();
  return requested;
}

/** The storage mode, once known. */
export function useStorageMode(): StorageMode {
  const [mode, setMode] = useState<StorageMode>('unknown');
  useEffect(() => {
    void requestPersistentStorage().then(setMode);
  }, []);
  return mode;
}
