import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { OutpostDb } from './schema';
import { opsByOthers } from './dexieStore';

describe('the Dexie schema', () => {
  it('version 4 keeps the ops queued under version 3 (with no author) and indexes the authors of new ones', async () => {
    const indexedDB = new IDBFactory();
    // The database as version 3 left it, with one op queued before authors were kept.
    const old = new Dexie('outpost', { indexedDB, IDBKeyRange });
    old.version(1).stores({ visitors: 'id, sortName, syncState', shadows: 'id', outbox: '++seq, id, state', conflicts: 'id', meta: 'key' });
    old.version(2).stores({ visitors: 'id, sortName' });
    old.version(3).stores({ attachments: 'hash, [state+addedAt]' });
    const queuedOp = () => ({ opId: 'o1', collection: 'visitors', id: 'r1', kind: 'update', patch: { title: 'T' }, base: {}, state: 'pending', attempts: 0, createdAt: 1 });
    await old.table('outbox').add(queuedOp());
    await old.table('meta').put({ key: 'cursor', value: 7 });
    old.close();

    const db = new OutpostDb('outpost', { indexedDB, IDBKeyRange });
    expect(db.verno).toBe(4);
    expect(await db.outbox.toArray()).toEqual([{ ...queuedOp(), seq: 1 }]);
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 7 });
    await db.outbox.add({ ...queuedOp(), opId: 'o2', author: { id: 'u-bo', email: 'bo@example.com' } } as never);
    // The old op is in no one's name: it never waits for another person.
    expect((await opsByOthers(db, 'u-ada')).map((o) => o.opId)).toEqual(['o2']);
    expect(await opsByOthers(db, 'u-bo')).toEqual([]);
    db.close();
  });
});
