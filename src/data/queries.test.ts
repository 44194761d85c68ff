import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { setMeta } from '../db/meta';
import { INITIAL_SYNC_STATUS } from '../core/client/status';
import { visitorData } from '../core/testing/visitorData';
import {
  conflictCount,
  failedCount,
  getSyncStatus,
  getVisitor,
  listVisitors,
  outboxCounts,
  pendingCount,
  visitorWindow,
} from './queries';
import { createVisitorsRepository } from './visitors';

let db: OutpostDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

describe('queries', () => {
  it('lists visitors by name, case-insensitively, and searches name, company, email and notes', async () => {
    const repo = createVisitorsRepository(db);
    await repo.create(visitorData({ name: 'charlie', company: 'Acme', email: '', notes: '' }));
    await repo.create(visitorData({ name: 'Alice', company: 'Globex', email: 'alice@globex.io', notes: '' }));
    await repo.create(visitorData({ name: 'Bob', company: 'Initech', email: '', notes: 'Wants a DEMO of acme tools' }));
    const names = async (q: string) => (await listVisitors(db, q)).map((v) => v.data.name);
    expect(await names('')).toEqual(['Alice', 'Bob', 'charlie']);
    expect(await names('  ACME ')).toEqual(['Bob', 'charlie']);
    expect(await names('globex.io')).toEqual(['Alice']);
    expect(await names('nobody')).toEqual([]);
  });

  it('gets one visitor', async () => {
    const id = await createVisitorsRepository(db).create(visitorData());
    expect((await getVisitor(db, id))?.data.name).toBe(visitorData().name);
  });

  it('reads a window of the list and the total, in name order, with or without a search', async () => {
    const repo = createVisitorsRepository(db);
    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo']) {
      await repo.create(visitorData({ name, company: name === 'Bravo' || name === 'echo' ? 'Acme' : 'Other', email: '', notes: '' }));
    }
    const names = (w: { rows: { data: { name: string } }[] }) => w.rows.map((v) => v.data.name);
    const all = await visitorWindow(db, { offset: 1, limit: 3 });
    expect({ total: all.total, offset: all.offset, names: names(all) }).toEqual({ total: 5, offset: 1, names: ['Bravo', 'charlie', 'delta'] });
    expect(names(await visitorWindow(db, { offset: 4, limit: 10 }))).toEqual(['echo']);
    const found = await visitorWindow(db, { search: ' acme', offset: 1, limit: 10 });
    expect({ total: found.total, names: names(found) }).toEqual({ total: 2, names: ['echo'] });
  });

  it('counts pending, failed and conflicts', async () => {
    const repo = createVisitorsRepository(db);
    const id = await repo.create(visitorData());
    expect(await pendingCount(db)).toBe(1);
    await db.outbox.toCollection().modify({ state: 'failed' });
    expect(await pendingCount(db)).toBe(0);
    expect(await failedCount(db)).toBe(1);
    expect(await conflictCount(db)).toBe(0);
    // A held op behind the rejection is still pending (waiting to be sent); the record counts once.
    await db.outbox.add({ opId: 'x', collection: 'visitors', id, kind: 'update', patch: { title: 'T' }, base: {}, state: 'failed', attempts: 1, createdAt: 0 });
    await db.outbox.add({ opId: 'y', collection: 'visitors', id, kind: 'update', patch: { title: 'U' }, base: {}, state: 'pending', attempts: 0, createdAt: 0 });
    expect(await outboxCounts(db)).toEqual({ pending: 1, failed: 1, conflicts: 0 });
  });

  it('does not count as failed a record whose conflict shows instead (as its row does)', async () => {
    const id = await createVisitorsRepository(db).create(visitorData());
    await db.outbox.toCollection().modify({ state: 'failed' });
    await db.conflicts.put({ id, collection: 'visitors', kind: 'update-update', fields: ['name'], base: {}, mine: {}, theirs: {}, theirsBy: null, theirsAt: null, detectedAt: 0 });
    expect(await outboxCounts(db)).toEqual({ pending: 0, failed: 0, conflicts: 1 });
  });

  it('reads the sync status, idle before any sync', async () => {
    expect(await getSyncStatus(db)).toEqual(INITIAL_SYNC_STATUS);
    await setMeta(db, 'syncStatus', { ...INITIAL_SYNC_STATUS, state: 'offline', failures: 1 });
    expect((await getSyncStatus(db)).state).toBe('offline');
  });
});
