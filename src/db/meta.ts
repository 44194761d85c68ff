import type { MetaKey, MetaValues } from '../core/client/localStore';
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
