import type { LocalVisitor } from '../core/client/types';

/**
 * What the list and its summary count, kept as numbers beside the rows (table `tallies`, one
 * row per key) instead of walked: IndexedDB counts entry by entry, and a count of 10,000
 * visitors held the database for 12–100 ms after every write, while the next save waited.
 *
 * Keys: `total`; `followUp`; `rating:<0–5>`; `captured:<YYYY-MM-DDTHH:MM>`, the quarter hour
 * (UTC) of `capturedAt`. Every time zone's midnight is on a quarter hour, so a day in any zone
 * is a whole number of quarters.
 */
export interface TallyRow {
  key: string;
  n: number;
}

export const TOTAL = 'total';
export const FOLLOW_UP = 'followUp';
export const ratingKey = (rating: number) => `rating:${rating}`;
const CAPTURED = 'captured:';

/** `capturedAt` (as `toISOString` writes it) → its quarter hour's key. */
export function capturedKey(capturedAt: string): string {
  const minute = Number(capturedAt.slice(14, 16));
  return `${CAPTURED}${capturedAt.slice(0, 14)}${String(minute - (minute % 15)).padStart(2, '0')}`;
}

const QUARTER = /^\d{4}-\d\d-\d\dT\d\d:(00|15|30|45):00\.000Z$/;

/**
 * The `captured:` keys from `from` (inclusive) to `to` (exclusive), as a key range; null when
 * either bound is not on a quarter hour (the tallies cannot answer it, an index count must).
 */
export function capturedRange({ from, to }: { from: string; to: string }): { lower: string; upper: string } | null {
  if (!QUARTER.test(from) || !QUARTER.test(to)) return null;
  return { lower: capturedKey(from), upper: capturedKey(to) };
}

/** The keys one row adds 1 to. */
export function tallyKeysOf({ data }: Pick<LocalVisitor, 'data'>): string[] {
  const keys = [TOTAL, ratingKey(data.rating), capturedKey(data.capturedAt)];
  if (data.followUp) keys.push(FOLLOW_UP);
  return keys;
}

/**
 * Per key, what replacing rows whose keys were `before` with rows whose keys are `after` adds
 * (undefined: no row; zero changes left out).
 */
export function tallyDelta(before: readonly (readonly string[] | undefined)[], after: readonly (readonly string[] | undefined)[]): Map<string, number> {
  const delta = new Map<string, number>();
  const add = (lists: readonly (readonly string[] | undefined)[], by: number) => {
    for (const keys of lists) for (const key of keys ?? []) delta.set(key, (delta.get(key) ?? 0) + by);
  };
  add(before, -1);
  add(after, 1);
  for (const [key, n] of delta) if (n === 0) delta.delete(key);
  return delta;
}

/** The tallies of `rows` from nothing: for the schema upgrade that adds them, and for tests. */
export function tallyAll(rows: Iterable<Pick<LocalVisitor, 'data'>>): Map<string, number> {
  return tallyDelta([], [...rows].map(tallyKeysOf));
}
