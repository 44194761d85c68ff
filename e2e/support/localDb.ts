import type { Page } from '@playwright/test';

/**
 * Every row of one object store of the app's IndexedDB, as the device holds it. Read with the
 * raw IndexedDB API in the page: no app code in between, and nothing a CSP governs. Top-level
 * ArrayBuffer fields (an attachment's bytes) come back as arrays of byte values.
 */
export function localRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('outpost');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const all = db.transaction(name).objectStore(name).getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
      return rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof ArrayBuffer ? Array.from(new Uint8Array(value)) : value])),
      );
    } finally {
      db.close();
    }
  }, store) as Promise<T[]>;
}
