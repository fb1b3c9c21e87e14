import type { Page } from '@playwright/test';

/**
 * The records of IndexedDB stores exactly as the app stored them, read in the page with the plain IndexedDB API
 * (not Dexie), with byte arrays spelled out as latin1 so any byte sequence can be searched in `text`.
 */
export function storedRecords(page: Page, stores: readonly string[]): Promise<{ counts: Record<string, number>; text: string }> {
  return page.evaluate((names) => new Promise<{ counts: Record<string, number>; text: string }>((resolve, reject) => {
    const open = indexedDB.open('clerk-review-desk');
    open.onsuccess = () => {
      const tx = open.result.transaction(names);
      const requests = names.map((name) => tx.objectStore(name).getAll());
      const latin1 = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? Array.from(item, (b) => String.fromCharCode(b)).join('') : item));
      tx.oncomplete = () => resolve({
        counts: Object.fromEntries(names.map((name, i) => [name, requests[i]?.result.length ?? 0])),
        text: latin1(requests.map((request) => request.result)),
      });
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  }), [...stores]);
}
