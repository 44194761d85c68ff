import type { Table } from 'dexie';
import type { OutpostDb } from '../db/schema';
import type { LocalVisitor, OutboxOp, Shadow } from '../core/client/types';
import { effectiveShadow, mustStoreShadow } from '../core/client/shadow';

/**
 * Bulk reads and writes for outboxStore.ts. IndexedDB charges per request (about 35 µs each in
 * Chromium), whatever the size of the value, so these keep request counts down.
 */

/**
 * The rows with these ids, as one range read when that is cheap. Record ids are UUIDv7, so a
 * batch of new records (or a pulled page of them) spans a narrow id range that holds few other
 * rows — often none. IndexedDB has no multi-get: `bulkGet` costs one request per id.
 */
export async function readById<T extends { id: string }, TInsert>(
  table: Table<T, string, TInsert>,
  ids: readonly string[],
): Promise<(T | undefined)[]> {
  if (!ids.length) return [];
  const [min, max] = bounds(ids);
  const range = table.where(':id').between(min, max, true, true);
  const inRange = await range.count();
  if (inRange === 0) return [];
  if (inRange > ids.length * 2) return table.bulkGet([...ids]);
  const wanted = new Set(ids);
  return (await range.toArray()).filter((row) => wanted.has(row.id));
}

/**
 * Every queued op of these records, in no particular order. The same range trick as `readById`
 * on the outbox's `id` index (`anyOf` walks a cursor, one request per op). Ops the caller
 * already holds (`known`, by seq: a batch it sent) are returned as given and not read again:
 * their seqs alone say they are still queued.
 */
export async function readOpsOf(
  db: OutpostDb,
  ids: readonly string[],
  known: ReadonlyMap<number, OutboxOp> = new Map(),
): Promise<OutboxOp[]> {
  if (!ids.length) return [];
  const [min, max] = bounds(ids);
  const range = db.outbox.where('id').between(min, max, true, true);
  const wanted = new Set(ids);
  // A record rarely has more than a couple of ops queued; many more in range means other records.
  const tooWide = (n: number) => n > ids.length * 3;
  const byRecord = async () => (await db.outbox.where('id').anyOf([...ids]).toArray()).map((op) => known.get(op.seq!) ?? op);
  if (!known.size) {
    const inRange = await range.count();
    if (inRange === 0) return [];
    if (tooWide(inRange)) return byRecord();
    return (await range.toArray()).filter((op) => wanted.has(op.id));
  }
  const seqs = (await range.primaryKeys()) as number[];
  if (tooWide(seqs.length)) return byRecord();
  const unknown = seqs.filter((s) => !known.has(s));
  const rest = unknown.length ? (await db.outbox.bulkGet(unknown)).filter((op) => op !== undefined && wanted.has(op.id)) : [];
  return [...seqs.flatMap((s) => known.get(s) ?? []), ...(rest as OutboxOp[])];
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
export async function deleteSeqs(db: OutpostDb, seqs: number[]): Promise<void> {
  if (!seqs.length) return;
  seqs.sort((a, b) => a - b);
  const work: Promise<unknown>[] = [];
  let start = 0;
  for (let i = 1; i <= seqs.length; i++) {
    if (i < seqs.length && seqs[i] === seqs[i - 1]! + 1) continue;
    const run = seqs.slice(start, i);
    work.push(
      run.length > 2
        ? db.outbox.where('seq').between(run[0]!, run[run.length - 1]!, true, true).delete()
        : db.outbox.bulkDelete(run),
    );
    start = i;
  }
  await Promise.all(work);
}

/** Each record's server version: its stored shadow, or its synced row. */
export function effectiveShadows(ids: readonly string[], stored: Map<string, Shadow>, rows: Map<string, LocalVisitor>) {
  const shadows = new Map<string, Shadow>();
  for (const id of ids) {
    const s = effectiveShadow(stored.get(id), rows.get(id));
    if (s) shadows.set(id, s);
  }
  return shadows;
}

/** Collects row and shadow writes, then issues them as bulk calls. */
export class RowWrites {
  private readonly rowPuts: LocalVisitor[] = [];
  private readonly rowDeletes: string[] = [];
  private readonly shadowPuts: Shadow[] = [];
  private readonly shadowDeletes: string[] = [];

  add(id: string, row: LocalVisitor | null, shadow: Shadow | undefined, stored: Shadow | undefined): void {
    if (row) this.rowPuts.push(row);
    else this.rowDeletes.push(id);
    if (mustStoreShadow(shadow, row)) {
      if (shadow !== stored) this.shadowPuts.push(shadow);
    } else if (stored) this.shadowDeletes.push(id);
  }

  write(db: OutpostDb): Promise<unknown> {
    return Promise.all([
      this.rowPuts.length ? db.visitors.bulkPut(this.rowPuts) : null,
      this.rowDeletes.length ? db.visitors.bulkDelete(this.rowDeletes) : null,
      this.shadowPuts.length ? db.shadows.bulkPut(this.shadowPuts) : null,
      this.shadowDeletes.length ? db.shadows.bulkDelete(this.shadowDeletes) : null,
    ]);
  }
}

export function byId<T extends { id: string }>(rows: readonly (T | undefined)[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of rows) if (r) map.set(r.id, r);
  return map;
}

export function defined<T>(rows: readonly (T | undefined)[]): T[] {
  return rows.filter((r): r is T => r !== undefined);
}
