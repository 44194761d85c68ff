import type { BrowserContext, Page } from '@playwright/test';

/** A database as an older version of the app left it: its Dexie version, its stores (Dexie's syntax) and their rows. */
export interface LegacyDatabase {
  dexieVersion: number;
  stores: Record<string, string>;
  rows: Record<string, unknown[]>;
}

/**
 * Writes `legacy` into the profile's IndexedDB before any page of the app opens it, as that
 * version's Dexie would have laid it out (Dexie keeps version n as IndexedDB version n × 10).
 * The page it uses is a same-origin answer with no app code (`/api/health`).
 */
export async function loadLegacyDatabase(context: BrowserContext, origin: string, legacy: LegacyDatabase): Promise<void> {
  const page: Page = await context.newPage();
  await page.goto(`${origin}/api/health`);
  await page.evaluate(async ({ dexieVersion, stores, rows }) => {
    const parse = (spec: string) => {
      const [primary = '', ...indexes] = spec.split(',').map((part) => part.trim());
      const keyPathOf = (name: string) => (name.startsWith('[') ? name.slice(1, -1).split('+') : name);
      return { keyPath: primary.replace(/^\+\+/, ''), autoIncrement: primary.startsWith('++'), indexes: indexes.map((name) => ({ name, keyPath: keyPathOf(name) })) };
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('outpost', dexieVersion * 10);
      open.onupgradeneeded = () => {
        for (const [name, spec] of Object.entries(stores)) {
          const { keyPath, autoIncrement, indexes } = parse(spec);
          const store = open.result.createObjectStore(name, { keyPath, autoIncrement });
          for (const index of indexes) store.createIndex(index.name, index.keyPath);
        }
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(Object.keys(rows), 'readwrite');
    for (const [name, list] of Object.entries(rows)) for (const row of list) tx.objectStore(name).put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, legacy);
  await page.close();
}
