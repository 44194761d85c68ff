import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { OutpostDb } from './schema';
import { opsByOthers } from './dexieStore';
import { syncOpSchema } from '../core/protocol';
import { toWireOp } from '../core/client/wire';
import { visitorRow } from '../core/testing/rows';
import { visitorData } from '../core/testing/visitorData';
import type { LocalVisitor } from '../core/client/types';
import type { VisitorData } from '../core/protocol';

const PROTOCOL_3_DEFAULTS = { consentVersion: '', consentAt: null, capturedBy: '', distinctFrom: [] };
import { PROTOCOL_1_DEXIE_VERSION, PROTOCOL_1_IDS, PROTOCOL_1_ROWS, PROTOCOL_1_STORES } from '../core/testing/protocol1Database';

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
    expect(await db.outbox.toArray()).toEqual([{ ...queuedOp(), seq: 1 }]);
    await db.outbox.add({ ...queuedOp(), opId: 'o2', author: { id: 'u-bo', email: 'bo@example.com' } } as never);
    // The old op is in no one's name: it never waits for another person.
    expect((await opsByOthers(db, 'u-ada')).map((o) => o.opId)).toEqual(['o2']);
    expect(await opsByOthers(db, 'u-bo')).toEqual([]);
    db.close();
  });

  it('version 5 rewrites the ops that protocol 1 queued into the current shape, and pulls every record again', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('outpost', { indexedDB, IDBKeyRange });
    old.version(PROTOCOL_1_DEXIE_VERSION).stores(PROTOCOL_1_STORES);
    for (const [table, rows] of Object.entries(PROTOCOL_1_ROWS)) await old.table(table).bulkPut(rows);
    old.close();

    const db = new OutpostDb('outpost', { indexedDB, IDBKeyRange });
    expect(db.verno).toBe(9);
    const ops = await db.outbox.orderBy('seq').toArray();
    // Every queued op parses as the current protocol's op, unchanged but for the added field.
    for (const op of ops) expect(syncOpSchema.safeParse(toWireOp(op)).success).toBe(true);
    expect(ops.map((o) => o.kind)).toEqual(['create', 'update', 'delete']);
    expect(ops[0]!.data).toEqual({ ...PROTOCOL_1_ROWS.outbox[0]!.data, ...PROTOCOL_3_DEFAULTS, consent: false });
    expect(ops[1]).toEqual(PROTOCOL_1_ROWS.outbox[1]);
    expect(ops[2]).toEqual(PROTOCOL_1_ROWS.outbox[2]);
    // Rows and shadows have the new field, and will take the server's version at the next pull.
    const rows = await db.visitors.toArray();
    expect(rows.every((r) => r.data.consent === false)).toBe(true);
    expect((await db.visitors.get(PROTOCOL_1_IDS.EDITED))?.serverRev).toBe(0);
    expect((await db.visitors.get(PROTOCOL_1_IDS.CREATED))?.serverRev).toBeUndefined();
    expect((await db.shadows.toArray()).map((s) => [s.rev, s.data.consent])).toEqual([[0, false], [0, false]]);
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 0 });
    expect(await db.meta.get('session')).toEqual(PROTOCOL_1_ROWS.meta[2]);
    db.close();
  });

  it('version 6 indexes capture time, rating and follow-up over the rows version 5 left', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('outpost', { indexedDB, IDBKeyRange });
    // Version 5 kept version 4's stores.
    old.version(5).stores(PROTOCOL_1_STORES);
    const rows = [
      visitorRow('r1', { name: 'Old', capturedAt: '2026-11-01T10:00:00.000Z', rating: 5, followUp: true }),
      visitorRow('r2', { name: 'New', capturedAt: '2026-12-01T10:00:00.000Z', rating: 1, followUp: false }),
    ];
    await old.table('visitors').bulkPut(rows);
    await old.table('meta').put({ key: 'cursor', value: 9 });
    old.close();

    const db = new OutpostDb('outpost', { indexedDB, IDBKeyRange });
    expect(db.verno).toBe(9);
    // The one to follow up gains its index key, which no read shows.
    expect(await db.visitors.get('r1')).toMatchObject({ data: rows[0]!.data });
    expect(await db.visitors.get('r1')).not.toHaveProperty('followUpKey');
    expect((await db.visitors.orderBy('data.capturedAt').reverse().toArray()).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect((await db.visitors.orderBy('[data.rating+sortName]').reverse().toArray()).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect((await db.visitors.where('followUpKey').equals(1).toArray()).map((r) => r.id)).toEqual(['r1']);
    db.close();
  });

  it('version 7 gives what protocol 2 stored the fields of protocol 3, pulls every record again and indexes duplicate keys', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('outpost', { indexedDB, IDBKeyRange });
    old.version(6).stores({ ...PROTOCOL_1_STORES, visitors: 'id, sortName, data.capturedAt, [data.rating+sortName], followUpKey' });
    const protocol2 = (row: LocalVisitor): LocalVisitor => {
      const { consentVersion: _v, consentAt: _at, capturedBy: _by, distinctFrom: _d, ...data } = row.data;
      return { ...row, data: data as VisitorData };
    };
    await old.table('visitors').bulkPut([
      protocol2(visitorRow('r1', { name: 'Ada', email: 'Ada@Example.com' }, { serverRev: 5 })),
      protocol2(visitorRow('r2', { name: 'Ada L', email: 'ada@example.com', phone: '' }, { serverRev: 6 })),
    ]);
    const { consentVersion: _v, consentAt: _at, capturedBy: _by, distinctFrom: _d, ...queuedData } = visitorData({ name: 'Queued' });
    await old.table('outbox').add({ opId: '018f0000-0000-7000-8000-0000000000a1', collection: 'visitors', id: '018f0000-0000-7000-8000-0000000000a3', kind: 'create', data: queuedData, state: 'pending', attempts: 0, createdAt: 1 });
    await old.table('meta').put({ key: 'cursor', value: 9 });
    old.close();

    const db = new OutpostDb('outpost', { indexedDB, IDBKeyRange });
    expect(db.verno).toBe(9);
    const [op] = await db.outbox.toArray();
    expect(syncOpSchema.safeParse(toWireOp(op!)).success).toBe(true);
    expect(op!.data).toEqual({ ...queuedData, ...PROTOCOL_3_DEFAULTS });
    const rows = await db.visitors.toArray();
    expect(rows.map((r) => [r.serverRev, r.data.consentAt, r.data.distinctFrom])).toEqual([
      [0, null, []],
      [0, null, []],
    ]);
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 0 });
    expect((await db.visitors.where('duplicateKeys').equals('email:ada@example.com').primaryKeys()).sort()).toEqual(['r1', 'r2']);
    // A put through the app keeps the keys true to the data.
    await db.visitors.put({ ...rows[1]!, data: { ...rows[1]!.data, email: 'other@example.com' } });
    expect(await db.visitors.where('duplicateKeys').equals('email:ada@example.com').primaryKeys()).toEqual(['r1']);
    db.close();
  });
});
