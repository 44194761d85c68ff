import type { OutpostDb } from '../db/schema';
import { DUPLICATE_KEYS } from '../db/duplicateKeys';
import { duplicateKeys, groupByKey, withoutDismissed } from '../core/duplicates/duplicateKeys';

/** For each visitor that may be the same person as others, those others' ids. */
export type PossibleDuplicates = ReadonlyMap<string, readonly string[]>;

/**
 * The possible duplicates of the visitors `ids` (core/duplicates/duplicateKeys.ts): for each of
 * their duplicate keys, the visitors sharing it, read from the duplicate-key index, one request
 * per key; then the "Not the same person" dismissals of the candidates. It reads what the rows
 * asked about need (the list's rows on screen, an open visitor), never the whole index: a pass
 * over 10,000 visitors' keys held IndexedDB for over a second, and every write waited for it.
 */
export function possibleDuplicatesOf(db: OutpostDb, ids: readonly string[]): Promise<PossibleDuplicates> {
  return db.transaction('r', db.visitors, async () => {
    const rows = (await db.visitors.bulkGet([...ids])).filter((row) => row !== undefined);
    const keys = [...new Set(rows.flatMap((row) => duplicateKeys(row.data)))];
    if (keys.length === 0) return new Map();
    const sharing = await Promise.all(keys.map((key) => db.visitors.where(DUPLICATE_KEYS).equals(key).primaryKeys()));
    const entries = keys.flatMap((key, i) => sharing[i]!.map((id) => [key, id as string] as const));
    const asked = new Set(rows.map((row) => row.id));
    const candidates = new Map([...groupByKey(entries)].filter(([id]) => asked.has(id)));
    if (candidates.size === 0) return new Map();
    const loaded = new Map(rows.map((row) => [row.id, row.data.distinctFrom] as const));
    const others = [...new Set([...candidates.values()].flatMap((set) => [...set]))].filter((id) => !loaded.has(id));
    for (const row of await db.visitors.bulkGet(others)) if (row) loaded.set(row.id, row.data.distinctFrom);
    return withoutDismissed(candidates, loaded);
  });
}
