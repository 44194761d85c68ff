import Dexie, { type Table } from 'dexie';
import type { AckRow } from '../core/client/acks';
import type { OutboxOp } from '../core/client/types';
import type { OutpostDb } from './schema';

/**
 * Bulk reads and writes for dexieStore.ts. IndexedDB charges per request (about 35 µs each in
 * Chromium), whatever the size of the value, so these keep request counts down.
 */

/*
 * These chain Dexie's own promises (`.then`) rather than `await` in nested async functions:
 * inside a transaction, Dexie follows native awaits only a few microtasks deep, and a
 * transaction whose work loses track commits early (PrematureCommitError).
 */

/**
 * The rows with these ids, as one range read when that is cheap. Record ids are UUIDv7, so a
 * batch of new records (or a pulled page of them) spans a narrow id range that holds few other
 * rows — often none. IndexedDB has no multi-get: `bulkGet` costs one request per id.
 */
export function readById<T extends { id: string }, TInsert>(
  table: Table<T, string, TInsert>,
  ids: readonly string[],
): Promise<(T | undefined)[]> {
  if (!ids.length) return Dexie.Promise.resolve([]);
  if (ids.length === 1) return table.get(ids[0]!).then((row) => (row ? [row] : []));
  const [min, max] = bounds(ids);
  const range = table.where(':id').between(min, max, true, true);
  return range.count().then((inRange): PromiseLike<(T | undefined)[]> | (T | undefined)[] => {
    if (inRange === 0) return [];
    if (inRange > ids.length * 2) return table.bulkGet([...ids]);
    const wanted = new Set(ids);
    return range.toArray().then((rows) => rows.filter((row) => wanted.has(row.id)));
  });
}

/**
 * Every queued op of these records, in no particular order. The same range trick as `readById`
 * on the outbox's `id` index (`anyOf` walks a cursor, one request per op). Ops the caller
 * already holds (`known`, by seq: a batch it sent) are returned as given and not read again:
 * their seqs alone say they are still queued.
 */
export function readOpsOf(
  db: OutpostDb,
  ids: readonly string[],
  known: ReadonlyMap<number, OutboxOp> = new Map(),
): Promise<OutboxOp[]> {
  if (!ids.length) return Dexie.Promise.resolve([]);
  const [min, max] = bounds(ids);
  const range = db.outbox.where('id').between(min, max, true, true);
  const wanted = new Set(ids);
  // A record rarely has more than a couple of ops queued; many more in range means other records.
  const tooWide = (n: number) => n > ids.length * 3;
  const byRecord = () => db.outbox.where('id').anyOf([...ids]).toArray().then((ops) => ops.map((op) => known.get(op.seq!) ?? op));
  if (!known.size) {
    return range.count().then((inRange): PromiseLike<OutboxOp[]> | OutboxOp[] => {
      if (inRange === 0) return [];
      if (tooWide(inRange)) return byRecord();
      return range.toArray().then((ops) => ops.filter((op) => wanted.has(op.id)));
    });
  }
  return range.primaryKeys().then((keys): PromiseLike<OutboxOp[]> => {
    const seqs = keys as number[];
    if (tooWide(seqs.length)) return byRecord();
    const held = seqs.flatMap((s) => known.get(s) ?? []);
    const unknown = seqs.filter((s) => !known.has(s));
    if (!unknown.length) return Dexie.Promise.resolve(held);
    return db.outbox.bulkGet(unknown).then((rest) => [...held, ...rest.filter((op): op is OutboxOp => op !== undefined && wanted.has(op.id))]);
  });
}

/**
 * The journal rows holding a version of any of these records: one read of the multi-entry
 * index's primary keys over the ids' range (none, mostly: the journal is empty between syncs),
 * then the few journal rows it names.
 */
export function readAcksOf(db: OutpostDb, ids: readonly string[]): Promise<AckRow[]> {
  if (!ids.length) return Dexie.Promise.resolve([]);
  const [min, max] = bounds(ids);
  return db.acks
    .where('ids')
    .between(min, max, true, true)
    .primaryKeys()
    .then((keys) => {
      const seqs = [...new Set(keys as number[])];
      if (!seqs.length) return [];
      return db.acks.bulkGet(seqs).then((rows) => rows.filter((r): r is AckRow => r !== undefined));
    });
}

function bounds(ids: readonly string[]): [string, string] {
  let min = ids[0]!;
  let max = min;
  for (const id of ids) {
    if (id < min) min = id;
    else if (id > max) max = id;
  }
  return [min, max];
}

/**
 * Deletes ops by seq: each run of consecutive seqs is one range delete (a batch of ops queued
 * one after another is a single run) instead of one request per op.
 */
export function deleteSeqs(db: OutpostDb, seqs: readonly number[]): Promise<unknown> {
  const sorted = [...seqs].sort((a, b) => a - b);
  const work: PromiseLike<unknown>[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]! + 1) continue;
    const run = sorted.slice(start, i);
    work.push(
      run.length > 2
        ? db.outbox.where('seq').between(run[0]!, run[run.length - 1]!, true, true).delete()
        : db.outbox.bulkDelete(run),
    );
    start = i;
  }
  return Dexie.Promise.all(work);
}

/** Rows per `bulkPut` in `putInSlices`: serialising this many takes a few tens of ms. */
export const PUT_SLICE = 250;

/**
 * `table.bulkPut(rows)` (`bulkAdd` with `add`) in slices, two in flight: each slice is issued when the one two before
 * it has landed. A bulkPut serialises its rows in the task that issues it, so one bulkPut of a
 * 2,000-row pull page was a main-thread task of several hundred ms; with two slices in flight
 * IndexedDB writes one while the page serialises the next, and no task holds more than one slice.
 */
export function putInSlices<T, TInsert>(table: Table<T, string, TInsert>, rows: readonly TInsert[], { slice = PUT_SLICE, add = false } = {}): Promise<unknown> {
  const write = (part: TInsert[]) => (add ? table.bulkAdd(part) : table.bulkPut(part));
  if (rows.length <= slice) return write([...rows]);
  let next = 0;
  const lane = (): PromiseLike<unknown> => {
    if (next >= rows.length) return Dexie.Promise.resolve();
    const part = rows.slice(next, (next += slice));
    return write(part).then(lane);
  };
  return Dexie.Promise.all([lane(), lane()]);
}
