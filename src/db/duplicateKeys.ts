import { duplicateKeys } from '../core/duplicates/duplicateKeys';
import type { VisitorData } from '../core/protocol';

/**
 * A visitor row's duplicate keys (core/duplicates/duplicateKeys.ts), stored on the row under a
 * multi-entry index, so the visitors sharing a key are found by reading the index's keys alone.
 * A row with nothing to match on carries no keys, and costs no index entry. Kept by rowKeys.ts
 * on every put.
 */
export const DUPLICATE_KEYS = 'duplicateKeys';

interface RowLike {
  data?: Partial<Pick<VisitorData, 'email' | 'phone' | 'name' | 'company'>>;
  [DUPLICATE_KEYS]?: string[];
}

export function withDuplicateKeys<T extends RowLike>(row: T): T {
  const data = row.data;
  const keys = data ? duplicateKeys({ email: data.email ?? '', phone: data.phone ?? '', name: data.name ?? '', company: data.company ?? '' }) : [];
  const stored = row[DUPLICATE_KEYS];
  if (stored ? keys.length === stored.length && keys.every((k, i) => k === stored[i]) : keys.length === 0) return row;
  const copy = { ...row };
  if (keys.length) copy[DUPLICATE_KEYS] = keys;
  else delete copy[DUPLICATE_KEYS];
  return copy;
}
