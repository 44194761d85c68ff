import type { MetaKey, MetaValues } from '../core/client/localStore';
import type { Session } from '../core/protocol';
import type { OutpostDb } from './schema';

export type { MetaKey, MetaValues } from '../core/client/localStore';

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

/**
 * Stores the session the server just confirmed (a sign-in, or the app's start online), and lifts
 * a refusal of the stored one. Drains send only this person's changes (core/client/author.ts),
 * so the stored session must follow every sign-in and sign-out.
 */
export function storeSession(db: OutpostDb, session: Session): Promise<void> {
  return db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: 'session', value: session });
    await db.meta.delete('sessionRefused');
  });
}
