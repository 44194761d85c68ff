import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { setMeta } from '../db/meta';
import { INITIAL_SYNC_STATUS } from '../core/client/status';
import {
  conflictCount,
  failedCount,
  getConflictView,
  getLocalCursor,
  getSyncStatus,
  getVisitor,
  listConflictSummaries,
  listVisitors,
  outboxCounts,
  pendingCount,
  visitorCount,
  visitorWindow,
} from './queries';
import { conflictRecord, queuedOp, visitorRow } from '../core/testing/rows';

let db: OutpostDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

describe('queries', () => {
  it('lists visitors by name, case-insensitively, and searches name, company, email and notes', async () => {
    await db.visitors.bulkPut([
      visitorRow('c', { name: 'charlie', company: 'Acme', email: '', notes: '' }),
      visitorRow('a', { name: 'Alice', company: 'Globex', email: 'alice@globex.io', notes: '' }),
      visitorRow('b', { name: 'Bob', company: 'Initech', email: '', notes: 'Wants a DEMO of acme tools' }),
    ]);
    const names = async (q: string) => (await listVisitors(db, q)).map((v) => v.data.name);
    expect(await names('')).toEqual(['Alice', 'Bob', 'charlie']);
    expect(await names('  ACME ')).toEqual(['Bob', 'charlie']);
    expect(await names('globex.io')).toEqual(['Alice']);
    expect(await names('nobody')).toEqual([]);
  });

  it('gets one visitor, and counts them', async () => {
    await db.visitors.put(visitorRow('v1', { name: 'Grace' }));
    expect((await getVisitor(db, 'v1'))?.data.name).toBe('Grace');
    expect(await getVisitor(db, 'nope')).toBeUndefined();
    expect(await visitorCount(db)).toBe(1);
  });

  it('reads a window of the list and the total, in name order, with or without a search', async () => {
    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo']) {
      await db.visitors.put(visitorRow(name, { name, company: name === 'Bravo' || name === 'echo' ? 'Acme' : 'Other', email: '', notes: '' }));
    }
    const names = (w: { rows: { data: { name: string } }[] }) => w.rows.map((v) => v.data.name);
    const all = await visitorWindow(db, { sort: 'name', offset: 1, limit: 3 });
    expect({ total: all.total, offset: all.offset, names: names(all) }).toEqual({ total: 5, offset: 1, names: ['Bravo', 'charlie', 'delta'] });
    expect(names(await visitorWindow(db, { sort: 'name', offset: 4, limit: 10 }))).toEqual(['echo']);
    const found = await visitorWindow(db, { sort: 'name', search: ' acme', offset: 1, limit: 10 });
    expect({ total: found.total, names: names(found) }).toEqual({ total: 2, names: ['echo'] });
  });

  it('counts pending, failed and conflicts', async () => {
    const id = 'v1';
    await db.visitors.put(visitorRow(id, {}, { syncState: 'pending' }));
    await db.outbox.add(queuedOp(id, { kind: 'create' }));
    expect(await pendingCount(db)).toBe(1);
    await db.outbox.toCollection().modify({ state: 'failed' });
    expect(await pendingCount(db)).toBe(0);
    expect(await failedCount(db)).toBe(1);
    expect(await conflictCount(db)).toBe(0);
    // A held op behind the rejection is still pending (waiting to be sent); the record counts once.
    await db.outbox.add(queuedOp(id, { patch: { title: 'T' }, state: 'failed', attempts: 1 }));
    await db.outbox.add(queuedOp(id, { patch: { title: 'U' } }));
    expect(await outboxCounts(db, null)).toEqual({ pending: 1, failed: 1, conflicts: 0, photosUploading: 0, waiting: [] });
  });

  it('does not count as failed a record whose conflict shows instead (as its row does)', async () => {
    const id = 'v1';
    await db.outbox.add(queuedOp(id, { kind: 'create', state: 'failed' }));
    await db.conflicts.put(conflictRecord(id));
    expect(await outboxCounts(db, null)).toEqual({ pending: 0, failed: 0, conflicts: 1, photosUploading: 0, waiting: [] });
  });

  it('counts apart, per author, the changes of people other than the one signed in', async () => {
    const ada = { id: 'u-ada', email: 'ada@example.com' };
    const bo = { id: 'u-bo', email: 'bo@example.com' };
    await db.outbox.bulkAdd([
      queuedOp('v1', { author: ada }),
      queuedOp('v2', { author: ada }),
      queuedOp('v3', { author: ada }),
      queuedOp('v4', { author: bo }),
      queuedOp('v5'), // queued before authors were kept: the signed-in person's
    ]);
    expect(await outboxCounts(db, bo.id)).toMatchObject({ pending: 2, waiting: [{ email: 'ada@example.com', count: 3 }] });
    expect(await outboxCounts(db, null)).toMatchObject({ pending: 1, waiting: [{ email: 'ada@example.com', count: 3 }, { email: 'bo@example.com', count: 1 }] });
    // Unsynced on this device, whoever made them: signing out still warns about all five.
    expect(await pendingCount(db)).toBe(5);
  });

  it('counts the photos waiting for upload, not the ones the server has', async () => {
    const photo = (hash: string, state: 'pending' | 'synced') => ({ hash, type: 'image/jpeg', bytes: new ArrayBuffer(1), state, addedAt: 1 });
    await db.attachments.bulkPut([photo('a'.repeat(64), 'pending'), photo('b'.repeat(64), 'pending'), photo('c'.repeat(64), 'synced')]);
    expect((await outboxCounts(db, null)).photosUploading).toBe(2);
  });

  it('reads the sync status, idle before any sync', async () => {
    expect(await getSyncStatus(db)).toEqual(INITIAL_SYNC_STATUS);
    await setMeta(db, 'syncStatus', { ...INITIAL_SYNC_STATUS, state: 'offline', failures: 1 });
    expect((await getSyncStatus(db)).state).toBe('offline');
  });

  it('lists the open conflicts with their visitors’ names (none for a record without a row)', async () => {
    await db.visitors.put(visitorRow('v1', { name: 'Grace' }, { syncState: 'conflict' }));
    await db.conflicts.bulkPut([conflictRecord('v1'), conflictRecord('v2', { kind: 'delete-update' })]);
    expect(await listConflictSummaries(db)).toEqual([
      { id: 'v1', kind: 'update-update', name: 'Grace' },
      { id: 'v2', kind: 'delete-update', name: undefined },
    ]);
  });

  it('reads a record’s conflict and row together', async () => {
    const row = visitorRow('v1', { name: 'Grace' }, { syncState: 'conflict' });
    await db.visitors.put(row);
    expect(await getConflictView(db, 'v1')).toEqual({ conflict: undefined, row });
    await db.conflicts.put(conflictRecord('v1'));
    expect(await getConflictView(db, 'v1')).toEqual({ conflict: conflictRecord('v1'), row });
    expect(await getConflictView(db, 'nope')).toEqual({ conflict: undefined, row: undefined });
  });

  it('reads the pull cursor, 0 before the first pull', async () => {
    expect(await getLocalCursor(db)).toBe(0);
    await setMeta(db, 'cursor', 42);
    expect(await getLocalCursor(db)).toBe(42);
  });
});
