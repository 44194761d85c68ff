import type { Session } from '../core/protocol';
import type { SyncStatus } from '../core/client/status';
import type { OutpostDb } from './schema';

/** Every key kept in the `meta` table and the type of its value. */
export interface MetaValues {
  /** Pull cursor: the highest revision this device has applied. */
  cursor: number;
  clientId: string;
  /** The last signed-in session, so the app can start offline. */
  session: Session;
  /** The workspace whose data this database holds (src/app/session.ts). */
  localWorkspace: { id: string; name: string };
  syncStatus: SyncStatus;
  /** Ops with `seq <=` this are in flight (0: none). Only the lock holder writes it. */
  inflightThrough: number;
  /**
   * Ops with `seq <=` this may have reached the server (a lost answer leaves no trace), so a
   * local edit never coalesces into them: the server could answer "duplicate" to the merged op
   * and drop the edit. Only grows.
   */
  sentThrough: number;
}
export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(db: OutpostDb, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: OutpostDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: OutpostDb, key: MetaKey): Promise<void> {
  await db.meta.delete(key);
}

/** Several values in one read (each `undefined` if never written). */
export async function getMetas<const K extends readonly MetaKey[]>(
  db: OutpostDb,
  keys: K,
): Promise<{ [I in keyof K]: MetaValues[K[I]] | undefined }> {
  const rows = await db.meta.bulkGet([...keys]);
  return rows.map((r) => r?.value) as { [I in keyof K]: MetaValues[K[I]] | undefined };
}
