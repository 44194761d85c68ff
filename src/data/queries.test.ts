import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { setMeta } from '../db/meta';
import { INITIAL_SYNC_STATUS } from '../sync/status';
import { visitorData } from '../sync/testing/visitorData';
import { conflictCount, failedCount, getSyncStatus, getVisitor, listVisitors, pendingCount } from './queries';
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

  it('counts pending, failed and conflicts', async () => {
    const id = await createVisitorsRepository(db).create(visitorData());
    expect(await pendingCount(db)).toBe(1);
    await db.outbox.toCollection().modify({ state: 'failed' });
    await db.visitors.update(id, { syncState: 'failed' });
    expect(await pendingCount(db)).toBe(0);
    expect(await failedCount(db)).toBe(1);
    expect(await conflictCount(db)).toBe(0);
  });

  it('reads the sync status, idle before any sync', async () => {
    expect(await getSyncStatus(db)).toEqual(INITIAL_SYNC_STATUS);
    await setMeta(db, 'syncStatus', { ...INITIAL_SYNC_STATUS, state: 'offline', failures: 1 });
    expect((await getSyncStatus(db)).state).toBe('offline');
  });
});
