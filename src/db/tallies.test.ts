import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { capturedKey, capturedRange, tallyAll, tallyDelta, tallyKeysOf } from './tallies';
import { openTestDb } from './testDb';
import { OutpostDb } from './schema';
import { createDexieStore } from './dexieStore';
import { clearWorkspaceData } from './workspaceData';
import { visitorRow } from '../core/testing/rows';
import type { LocalVisitor } from '../core/client/types';

let db: OutpostDb;
afterEach(() => db?.close());

/** The tallies as stored, without zeros. */
async function stored(db: OutpostDb): Promise<Record<string, number>> {
  return Object.fromEntries((await db.tallies.toArray()).filter((t) => t.n !== 0).map((t) => [t.key, t.n]));
}

/** What counting every row gives. */
async function recounted(db: OutpostDb): Promise<Record<string, number>> {
  return Object.fromEntries(tallyAll(await db.visitors.toArray()));
}

describe('tally keys', () => {
  it('put a capture in its quarter hour (UTC), and a day of any time zone in whole quarters', () => {
    expect(capturedKey('2026-12-03T09:00:00.000Z')).toBe('captured:2026-12-03T09:00');
    expect(capturedKey('2026-12-03T09:14:59.999Z')).toBe('captured:2026-12-03T09:00');
    expect(capturedKey('2026-12-03T09:45:00.000Z')).toBe('captured:2026-12-03T09:45');
    // Kathmandu (UTC+5:45): its midnight is 18:15 UTC.
    expect(capturedRange({ from: '2026-12-02T18:15:00.000Z', to: '2026-12-03T18:15:00.000Z' })).toEqual({
      lower: 'captured:2026-12-02T18:15',
      upper: 'captured:2026-12-03T18:15',
    });
    expect(capturedRange({ from: '2026-12-02T18:10:00.000Z', to: '2026-12-03T18:15:00.000Z' })).toBeNull();
  });

  it('count a row once in the total, its rating, its quarter hour and, if set, follow-up', () => {
    const row = visitorRow('a', { rating: 3, followUp: true, capturedAt: '2026-12-03T10:20:00.000Z' });
    expect(tallyKeysOf(row).sort()).toEqual(['captured:2026-12-03T10:15', 'followUp', 'rating:3', 'total']);
    expect(tallyKeysOf(visitorRow('b', { followUp: false }))).not.toContain('followUp');
  });

  it('a delta leaves out what did not change', () => {
    const before = tallyKeysOf(visitorRow('a', { rating: 3 }));
    const after = tallyKeysOf(visitorRow('a', { rating: 5 }));
    expect(Object.fromEntries(tallyDelta([before], [after]))).toEqual({ 'rating:3': -1, 'rating:5': 1 });
    expect(tallyDelta([before], [before]).size).toBe(0);
  });
});

describe('the tallies middleware', () => {
  it('keeps the tallies equal to a recount through puts, updates, deletes, ranges and clears', async () => {
    db = openTestDb();
    await db.visitors.bulkPut([visitorRow('a', { rating: 1 }), visitorRow('b', { rating: 2, followUp: true }), visitorRow('c')]);
    expect(await stored(db)).toEqual(await recounted(db));
    expect((await db.tallies.get('total'))?.n).toBe(3);

    await db.visitors.update('a', { 'data.rating': 5 });
    await db.visitors.where('id').equals('b').modify((row) => {
      row.data.followUp = false;
    });
    await db.visitors.delete('c');
    expect(await stored(db)).toEqual(await recounted(db));
    expect((await db.tallies.get('followUp'))?.n).toBe(0);

    await db.visitors.where('id').between('a', 'b', true, false).delete();
    expect(await stored(db)).toEqual(await recounted(db));
    await db.visitors.clear();
    expect(await stored(db)).toEqual({});
  });

  it('keeps them through the local store’s transactions and a workspace clear', async () => {
    db = openTestDb();
    const store = createDexieStore(db);
    await store.transaction(['visitors', 'meta'], async (tx) => {
      await tx.rows(['a', 'b']); // read first: the write's previous rows are known
      await tx.write({ putRows: [visitorRow('a', { followUp: true }), visitorRow('b')] });
      await tx.write({ putRows: [visitorRow('a', { rating: 0 })], deleteRows: ['b'] });
      await tx.write({ addRows: [visitorRow('c', { rating: 2 }), visitorRow('d', { followUp: true })] }); // a create's rows: added
    });
    expect(await stored(db)).toEqual(await recounted(db));
    await clearWorkspaceData(db);
    expect(await stored(db)).toEqual({});
  });

  it('a transaction that fails changes no tally', async () => {
    db = openTestDb();
    await db.visitors.put(visitorRow('a'));
    await expect(
      db.transaction('rw', db.visitors, async () => {
        await db.visitors.put(visitorRow('b'));
        throw new Error('the save failed');
      }),
    ).rejects.toThrow('the save failed');
    expect((await db.tallies.get('total'))?.n).toBe(1);
  });

  it('keeps them equal to a recount for any sequence of writes, in any grouping of transactions', async () => {
    const row = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      rating: fc.integer({ min: 0, max: 5 }),
      followUp: fc.boolean(),
      minute: fc.integer({ min: 0, max: 59 }),
    });
    const write = fc.oneof(
      fc.record({ put: fc.array(row, { minLength: 1, maxLength: 3 }) }),
      fc.record({ remove: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ rerate: fc.constantFrom('a', 'b', 'c'), rating: fc.integer({ min: 0, max: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(write, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), async (transactions) => {
        db?.close();
        db = openTestDb();
        for (const writes of transactions) {
          await db.transaction('rw', db.visitors, async () => {
            for (const w of writes) {
              if ('put' in w) {
                const rows = w.put.map((r) => visitorRow(r.id, { rating: r.rating, followUp: r.followUp, capturedAt: `2026-12-03T10:${String(r.minute).padStart(2, '0')}:00.000Z` }));
                await db.visitors.bulkPut(dedupe(rows));
              } else if ('remove' in w) await db.visitors.bulkDelete(w.remove);
              else await db.visitors.where('id').equals(w.rerate).modify((r) => void (r.data.rating = w.rating));
            }
          });
        }
        expect(await stored(db)).toEqual(await recounted(db));
      }),
      { numRuns: 60 },
    );
  });

  it('the upgrade that adds them counts the rows already there', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('outpost', { indexedDB, IDBKeyRange });
    old.version(8).stores({
      visitors: 'id, sortName, data.capturedAt, [data.rating+sortName], followUpKey, *duplicateKeys',
      shadows: 'id',
      outbox: '++seq, id, state, author.id',
      conflicts: 'id',
      meta: 'key',
      attachments: 'hash, [state+addedAt]',
      acks: '++seq, *ids',
    });
    await old.table('visitors').bulkPut([visitorRow('a', { followUp: true, rating: 5 }), visitorRow('b', { rating: 5 })]);
    old.close();
    db = new OutpostDb('outpost', { indexedDB, IDBKeyRange });
    expect(await stored(db)).toEqual({ total: 2, followUp: 1, 'rating:5': 2, 'captured:2025-05-01T10:00': 2 });
  });
});

/** The last row of each id (a bulkPut of one id twice puts the last). */
function dedupe(rows: LocalVisitor[]): LocalVisitor[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}
