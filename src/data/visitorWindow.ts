import Dexie, { type Collection, type InsertType } from 'dexie';
import type { OutpostDb } from '../db/schema';
import type { LocalVisitor } from '../core/client/types';
import { FOLLOW_UP_KEY } from '../db/followUpKey';
import { capturedRange, FOLLOW_UP, ratingKey, TOTAL } from '../db/tallies';
import { compareVisitors, hasFilters, HOT_RATING, matchesFilters, matchesSearch, MAX_RATING, type VisitorFilters, type VisitorSort } from './visitorOrder';

/** A slice of the visitor list, as `visitorWindow` reads it. */
export interface VisitorWindow {
  /** How many visitors match (all of them without a search or filter). */
  total: number;
  /** Position of `rows[0]` in the whole ordered list. */
  offset: number;
  rows: LocalVisitor[];
}

export interface VisitorWindowRequest {
  /** Matches name, company, email or notes (substring, any case); empty: every visitor. */
  search?: string;
  /** Default `recent`, the list's own default. */
  sort?: VisitorSort;
  filters?: VisitorFilters;
  offset: number;
  limit: number;
}

type Rows = Collection<LocalVisitor, string, InsertType<LocalVisitor, 'id'>>;
type Range = () => Rows;

/**
 * The visitors at positions [offset, offset + limit) of the list in `sort` order, narrowed by
 * `filters` and `search`, and how many there are. A list query re-runs on every write to
 * visitors, and a drain or a pull writes them in batches of hundreds, so it reads through the
 * indexes of schema version 6 rather than every row: an order alone, or an order with the one
 * filter its index also answers (Today when newest first, Hot when by rating), costs a read of
 * the tallies (db/tallies.ts) and `limit` rows. Other filters read only the rows of the
 * narrowest filter's index and sort those. A search still reads every row (the narrowest
 * filter's, with a filter on).
 */
export function visitorWindow(db: OutpostDb, request: VisitorWindowRequest): Promise<VisitorWindow> {
  const { search = '', sort = 'recent', filters = {}, offset, limit } = request;
  return db.transaction('r', db.visitors, db.tallies, async () => {
    const searching = search.trim() !== '';
    const indexed = searching ? null : indexedWindow(db, sort, filters);
    if (indexed) return indexed(offset, limit);
    const candidates = hasFilters(filters) ? await narrowest(db, filters) : await db.visitors.toArray();
    const matches = candidates.filter((v) => matchesFilters(v, filters) && matchesSearch(v, search)).sort(compareVisitors(sort));
    return { total: matches.length, offset, rows: matches.slice(offset, offset + limit) };
  });
}

type Window = (offset: number, limit: number) => Promise<VisitorWindow>;

/** The window straight from one index, when one index gives both the order and the filter. */
function indexedWindow(db: OutpostDb, sort: VisitorSort, { capturedWithin, followUp, hot }: VisitorFilters): Window | null {
  if (followUp) return null;
  if (sort === 'recent' && !hot) {
    if (capturedWithin) return (offset, limit) => slice(() => captured(db, capturedWithin), (r) => r.reverse(), offset, limit, capturedCount(db, capturedWithin));
    return (offset, limit) => slice(() => db.visitors.orderBy('data.capturedAt'), (r) => r.reverse(), offset, limit, everyone(db));
  }
  if (capturedWithin) return null;
  if (sort === 'rating') return (offset, limit) => byRating(db, hot ? HOT_RATING : 0, offset, limit);
  if (sort === 'name' && !hot) return (offset, limit) => slice(() => db.visitors.orderBy('sortName'), (r) => r, offset, limit, everyone(db));
  return null;
}

/** `total`: how many rows `range` holds, counted without walking it. */
async function slice(range: Range, order: (r: Rows) => Rows, offset: number, limit: number, total: () => Promise<number>): Promise<VisitorWindow> {
  const [rows, count] = await Promise.all([order(range()).offset(offset).limit(limit).toArray(), total()]);
  return { total: count, offset, rows };
}

/** Every visitor row is in the `data.capturedAt` and `sortName` indexes (both are required). */
const everyone = (db: OutpostDb) => () => tally(db, TOTAL);

/**
 * A count the tallies keep (db/tallies.ts): one small read, where counting an index or the table
 * walks every entry (12–100 ms for 10,000 visitors) and holds up the next save meanwhile.
 */
const tally = (db: OutpostDb, key: string) => db.tallies.get(key).then((row) => row?.n ?? 0);

/** How many were captured in `within`: from the tallies' quarter hours, or the index when its bounds are not on one. */
const capturedCount = (db: OutpostDb, within: { from: string; to: string }) => () => {
  const range = capturedRange(within);
  if (!range) return captured(db, within).count();
  return db.tallies
    .where('key')
    .between(range.lower, range.upper, true, false)
    .toArray()
    .then((rows) => rows.reduce((n, row) => n + row.n, 0));
};

const ratedCount = (db: OutpostDb, low: number) =>
  Promise.all(Array.from({ length: MAX_RATING - low + 1 }, (_, i) => tally(db, ratingKey(low + i)))).then((ns) => ns.reduce((a, b) => a + b, 0));

/** Visitors rated from `min` up, highest first and by name within each rating: one index range per rating. */
async function byRating(db: OutpostDb, min: number, offset: number, limit: number): Promise<VisitorWindow> {
  const ratings = Array.from({ length: MAX_RATING - min + 1 }, (_, i) => MAX_RATING - i);
  const counts = await Promise.all(ratings.map((r) => tally(db, ratingKey(r))));
  const reads: Promise<LocalVisitor[]>[] = [];
  let skip = offset;
  let wanted = limit;
  ratings.forEach((r, i) => {
    const n = counts[i]!;
    if (skip >= n) {
      skip -= n;
      return;
    }
    if (wanted <= 0) return;
    const take = Math.min(wanted, n - skip);
    reads.push(rated(db, r, r).offset(skip).limit(take).toArray());
    wanted -= take;
    skip = 0;
  });
  const rows = (await Promise.all(reads)).flat();
  return { total: counts.reduce((a, b) => a + b, 0), offset, rows };
}

/** The rows of the filter whose index holds the fewest, for the other filters and the search to narrow down. */
async function narrowest(db: OutpostDb, { capturedWithin, followUp, hot }: VisitorFilters): Promise<LocalVisitor[]> {
  const ranges: { rows: Range; count: () => Promise<number> }[] = [];
  if (capturedWithin) ranges.push({ rows: () => captured(db, capturedWithin), count: capturedCount(db, capturedWithin) });
  if (followUp) ranges.push({ rows: () => toFollowUp(db), count: () => tally(db, FOLLOW_UP) });
  if (hot) ranges.push({ rows: () => rated(db, HOT_RATING, MAX_RATING), count: () => ratedCount(db, HOT_RATING) });
  const counts = await Promise.all(ranges.map((range) => range.count()));
  const smallest = counts.indexOf(Math.min(...counts));
  return ranges[smallest]!.rows().toArray();
}

const captured = (db: OutpostDb, { from, to }: { from: string; to: string }): Rows =>
  db.visitors.where('data.capturedAt').between(from, to, true, false);

const toFollowUp = (db: OutpostDb): Rows => db.visitors.where(FOLLOW_UP_KEY).equals(1);

/** Rated `low` to `high`; in the index every key of rating r lies between [r, -∞] and [r + 1, -∞]. */
const rated = (db: OutpostDb, low: number, high: number): Rows =>
  db.visitors.where('[data.rating+sortName]').between([low, Dexie.minKey], [high + 1, Dexie.minKey], true, false);

/** What the line above the list counts. */
export interface VisitorSummary {
  total: number;
  /** Captured within the day the caller names (this device's today). */
  today: number;
  followUp: number;
}

/** Three counts the tallies keep, read together so they agree. */
export function visitorSummary(db: OutpostDb, today: { from: string; to: string }): Promise<VisitorSummary> {
  return db.transaction('r', db.visitors, db.tallies, async () => {
    const [total, capturedToday, followUp] = await Promise.all([tally(db, TOTAL), capturedCount(db, today)(), tally(db, FOLLOW_UP)]);
    return { total, today: capturedToday, followUp };
  });
}
