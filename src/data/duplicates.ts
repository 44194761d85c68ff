import type { OutpostDb } from '../db/schema';
import { DUPLICATE_KEYS } from '../db/duplicateKeys';
import { groupByKey, withoutDismissed } from '../core/duplicates/duplicateKeys';

/** For each visitor that may be the same person as others, those others' ids. */
export type PossibleDuplicates = ReadonlyMap<string, readonly string[]>;

/**
 * The possible duplicates among this device's visitors (core/duplicates/duplicateKeys.ts): one
 * pass over the duplicate-key index's keys — no row is read but those of the candidates, for
 * their "Not the same person" dismissals.
 */
export function possibleDuplicates(db: OutpostDb): Promise<PossibleDuplicates> {
  return db.transaction('r', db.visitors, async () => {
    const entries: [string, string][] = [];
    await db.visitors.orderBy(DUPLICATE_KEYS).eachKey((key, cursor) => {
      entries.push([key as string, cursor.primaryKey as string]);
    });
    const candidates = groupByKey(entries);
    if (candidates.size === 0) return new Map();
    const rows = await db.visitors.bulkGet([...candidates.keys()]);
    const distinctFrom = new Map(rows.flatMap((row) => (row ? [[row.id, row.data.distinctFrom] as const] : [])));
    return withoutDismissed(candidates, distinctFrom);
  });
}
