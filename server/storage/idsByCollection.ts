import type { PushLookup } from './types';

/** A push lookup's record ids grouped by collection, each id once: records are keyed by both. */
export function idsByCollection(records: readonly PushLookup['records'][number][]): Map<string, string[]> {
  const byCollection = new Map<string, Set<string>>();
  for (const { collection, id } of records) {
    const ids = byCollection.get(collection) ?? new Set<string>();
    ids.add(id);
    byCollection.set(collection, ids);
  }
  return new Map([...byCollection].map(([collection, ids]) => [collection, [...ids]]));
}
