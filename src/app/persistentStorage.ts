/** The part of `navigator.storage` this needs (a StorageManager). */
export interface PersistableStorage {
  persisted(): Promise<boolean>;
  persist(): Promise<boolean>;
}

/** Whether the browser promised to keep this site's data; false without a Storage API. */
export function isPersisted(storage: PersistableStorage | undefined): Promise<boolean> {
  return storage ? storage.persisted().catch(() => false) : Promise.resolve(false);
}

/**
 * Asks the browser, once per page, to keep this site's data under storage pressure
 * (`navigator.storage.persist()`): a browser short of space may otherwise evict IndexedDB, and
 * with it captures that have not synced yet. Called after each write that queued a change, so
 * the first capture asks; the browser may say no, and the status then warns (DeviceOnlyNotice).
 */
export function createPersistenceRequest(storage: PersistableStorage | undefined): () => Promise<boolean> {
  let asked: Promise<boolean> | null = null;
  return () => {
    if (!storage) return Promise.resolve(false);
    asked ??= isPersisted(storage).then((already) => already || storage.persist().catch(() => false));
    return asked;
  };
}
