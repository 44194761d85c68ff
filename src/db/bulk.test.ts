import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openTestDb } from './testDb';
import type { OutpostDb } from './schema';
import { deleteSeqs, putInSlices, readById } from './bulk';
import { visitorData } from '../core/testing/visitorData';

let db: OutpostDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

describe('bulk helpers', () => {
  it('deleteSeqs deletes exactly the given seqs, in runs', async () => {
    for (let i = 1; i <= 10; i++) {
      await db.outbox.add({ opId: uuidv7(), collection: 'visitors', id: uuidv7(), kind: 'delete', state: 'pending', attempts: 0, createdAt: 0 });
    }
    await deleteSeqs(db, [9, 1, 2, 3, 5, 6, 7, 10]);
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([4, 8]);
  });

  it('readById finds rows by range when the range is tight, and by key when it is not', async () => {
    const ids = Array.from({ length: 20 }, () => uuidv7());
    await db.shadows.bulkAdd(ids.map((id, i) => ({ id, collection: 'visitors' as const, rev: i, deleted: false, data: visitorData() })));
    const revs = async (wanted: string[]) => (await readById(db.shadows, wanted)).flatMap((s) => (s ? [s.rev] : [])).sort((a, b) => a - b);
    expect(await revs([ids[3]!, ids[5]!, ids[4]!])).toEqual([3, 4, 5]); // one range read
    expect(await revs([ids[0]!, ids[19]!])).toEqual([0, 19]); // by key
    expect(await revs([ids[3]!, uuidv7()])).toEqual([3]);
    expect(await readById(db.shadows, [uuidv7()])).toEqual([]);
  });

  it('putInSlices puts every row, in a transaction that fails as a whole', async () => {
    const shadowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: uuidv7(), collection: 'visitors' as const, rev: i, deleted: false, data: visitorData() }));
    for (const n of [1, 3, 4, 7, 12]) {
      const rows = shadowsOf(n);
      await db.transaction('rw', db.shadows, () => putInSlices(db.shadows, rows, { slice: 3 }));
      expect((await db.shadows.bulkGet(rows.map((r) => r.id))).map((r) => r?.rev)).toEqual(rows.map((r) => r.rev));
    }
    // A failure after the slices takes every slice back with it.
    const doomed = shadowsOf(10);
    await expect(
      db.transaction('rw', db.shadows, () => putInSlices(db.shadows, doomed, { slice: 3 }).then(() => Promise.reject(new Error('after the slices')))),
    ).rejects.toThrow('after the slices');
    expect(await db.shadows.bulkGet(doomed.map((r) => r.id))).toEqual(doomed.map(() => undefined));
  });
});
