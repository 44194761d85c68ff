import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import { createVisitorsRepository, type VisitorsRepository } from '../data/visitors';
import { getShadow } from '../data/queries';
import { createOutboxStore, type OutboxStore } from './outboxStore';
import { change } from '../core/testing/changes';
import { visitorData } from '../core/testing/visitorData';
import { wireSize } from '../core/client/wire';

let db: OutpostDb;
let store: OutboxStore;
let visitors: VisitorsRepository;

beforeEach(() => {
  db = openTestDb();
  store = createOutboxStore(db, { now: () => 5 });
  visitors = createVisitorsRepository(db);
});
afterEach(() => db.close());

describe('takeBatch', () => {
  it('takes ops in seq order up to maxOps and marks them in flight', async () => {
    for (let i = 0; i < 5; i++) await visitors.create(visitorData({ name: `V${i}` }));
    const batch = await store.takeBatch(3);
    expect(batch.map((o) => o.data!.name)).toEqual(['V0', 'V1', 'V2']);
    expect(await getMeta(db, 'inflightThrough')).toBe(batch[2]!.seq);
    expect(await getMeta(db, 'sentThrough')).toBe(batch[2]!.seq);
  });

  it('stops before maxBytes (but always sends at least one op)', async () => {
    for (let i = 0; i < 4; i++) await visitors.create(visitorData({ notes: 'x'.repeat(5000) }));
    const [first] = await db.outbox.toArray();
    const size = wireSize(first!);
    expect(await store.takeBatch(500, 256 + size * 2 + 10)).toHaveLength(2);
    await store.recoverInflight();
    expect(await store.takeBatch(500, 10)).toHaveLength(1);
  });

  it('skips failed ops and holds every later op of their record', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    const b = await visitors.create(visitorData({ name: 'B' }));
    // A's create was rejected; an edit made while it was in flight waits behind it.
    await db.outbox.where('id').equals(a).modify({ state: 'failed' });
    await db.outbox.add({ opId: uuidv7(), collection: 'visitors', id: a, kind: 'update', patch: { name: 'A2' }, base: { name: 'A' }, state: 'pending', attempts: 0, createdAt: 0 });
    const c = await visitors.create(visitorData({ name: 'C' }));
    expect((await store.takeBatch()).map((o) => o.id)).toEqual([b, c]);
  });

  it('does not take ops already in flight until they are recovered', async () => {
    await visitors.create(visitorData({ name: 'A' }));
    expect(await store.takeBatch()).toHaveLength(1);
    await visitors.create(visitorData({ name: 'B' }));
    expect((await store.takeBatch()).map((o) => o.data!.name)).toEqual(['B']);
    await store.recoverInflight();
    expect((await store.takeBatch()).map((o) => o.data!.name)).toEqual(['A', 'B']);
  });

  it('pendingTotal counts what the next drain will send (not ops held behind a rejection)', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    await visitors.create(visitorData({ name: 'B' }));
    expect(await store.pendingTotal()).toBe(2);
    await db.outbox.where('id').equals(a).modify({ state: 'failed' });
    await db.outbox.add({ opId: uuidv7(), collection: 'visitors', id: a, kind: 'update', patch: { name: 'A2' }, base: { name: 'A' }, state: 'pending', attempts: 0, createdAt: 0 });
    expect(await store.pendingTotal()).toBe(1);
  });

  it('returns nothing and writes no watermark when the outbox is empty', async () => {
    expect(await store.takeBatch()).toEqual([]);
    expect(await getMeta(db, 'inflightThrough')).toBeUndefined();
  });
});

describe('applyPushResults', () => {
  it('applied: deletes the op, moves the shadow, marks the row synced, clears the watermark', async () => {
    const id = await visitors.create(visitorData());
    const batch = await store.takeBatch();
    await store.applyPushResults(batch, { results: [{ opId: batch[0]!.opId, status: 'applied', rev: 7, record: visitorData() }], cursor: 7 });
    expect(await db.outbox.count()).toBe(0);
    expect(await getShadow(db, id)).toEqual({ id, collection: 'visitors', rev: 7, deleted: false, data: visitorData() });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced', serverRev: 7 });
    expect(await db.shadows.count()).toBe(0); // a synced row is its own shadow
    expect(await getMeta(db, 'inflightThrough')).toBe(0);
  });

  it('keeps later local edits pending on top of the new shadow', async () => {
    const id = await visitors.create(visitorData());
    const batch = await store.takeBatch();
    await visitors.update(id, { title: 'Dr' }); // made while the create was in flight
    await store.applyPushResults(batch, { results: [{ opId: batch[0]!.opId, status: 'applied', rev: 7, record: visitorData() }], cursor: 7 });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'pending', data: { title: 'Dr' } });
    expect(await db.outbox.count()).toBe(1);
  });

  it('a shadow only moves forward', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 9, { company: 'Newer' })], 9);
    await visitors.update(id, { title: 'Dr' });
    const batch = await store.takeBatch();
    await store.applyPushResults(batch, { results: [{ opId: batch[0]!.opId, status: 'duplicate', rev: 8, record: visitorData({ company: 'Older' }) }], cursor: 9 });
    expect((await getShadow(db, id))?.data.company).toBe('Newer');
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced', data: { company: 'Newer' } });
  });

  it('rejected: the op stays as failed, the row shows the error', async () => {
    const id = await visitors.create(visitorData());
    const batch = await store.takeBatch();
    const error = { code: 'invalid', message: 'Email is taken', field: 'email' };
    await store.applyPushResults(batch, { results: [{ opId: batch[0]!.opId, status: 'rejected', error }], cursor: 0 });
    expect(await db.outbox.toArray()).toMatchObject([{ state: 'failed', attempts: 1, lastError: error }]);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'failed', error });
  });

  it('a missing result leaves the op pending', async () => {
    await visitors.create(visitorData());
    const batch = await store.takeBatch();
    expect(await store.applyPushResults(batch, { results: [], cursor: 0 })).toEqual({ missing: 1, next: [] });
    expect(await db.outbox.toArray()).toMatchObject([{ state: 'pending' }]);
    expect(await getMeta(db, 'inflightThrough')).toBe(0);
  });

  it('conflict: records it, moves the shadow, keeps mine in view, folds later unsent edits into mine', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 1, { company: 'Base' })], 1);
    await visitors.update(id, { company: 'Mine', title: 'Dr' });
    const batch = await store.takeBatch();
    await visitors.update(id, { company: 'Mine 2' }); // queued while in flight
    const server = visitorData({ company: 'Theirs', title: 'Dr' });
    await store.applyPushResults(batch, {
      results: [
        {
          opId: batch[0]!.opId,
          status: 'conflict',
          rev: 3,
          record: server,
          conflict: { kind: 'update-update', fields: ['company'], theirs: { company: 'Theirs' }, theirsBy: 'bob', theirsAt: 't3' },
        },
      ],
      cursor: 3,
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await getShadow(db, id)).toMatchObject({ rev: 3, data: { company: 'Theirs' } });
    expect(await db.conflicts.get(id)).toMatchObject({
      kind: 'update-update',
      fields: ['company'],
      base: { company: 'Base' },
      mine: { company: 'Mine 2' },
      theirs: { company: 'Theirs' },
      theirsBy: 'bob',
      detectedAt: 5,
    });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { company: 'Mine 2', title: 'Dr' } });
  });

  it('a second conflict on the record folds into the first', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 1, { company: 'C0', title: 'T0' })], 1);
    await visitors.update(id, { company: 'C1' });
    const first = await store.takeBatch();
    await visitors.update(id, { title: 'T1' });
    await store.recoverInflight();
    // both sent in one batch (the first one again, as after a lost answer)
    const batch = await store.takeBatch();
    expect(batch.map((o) => o.opId)).toEqual([first[0]!.opId, expect.any(String)]);
    const theirs = visitorData({ company: 'CX', title: 'TX' });
    await store.applyPushResults(batch, {
      results: [
        {
          opId: batch[0]!.opId,
          status: 'conflict',
          rev: 4,
          record: theirs,
          conflict: { kind: 'update-update', fields: ['company'], theirs: { company: 'CX' }, theirsBy: 'bob', theirsAt: 't4' },
        },
        {
          opId: batch[1]!.opId,
          status: 'conflict',
          rev: 4,
          record: theirs,
          conflict: { kind: 'update-update', fields: ['title'], theirs: { title: 'TX' }, theirsBy: 'eve', theirsAt: 't5' },
        },
      ],
      cursor: 4,
    });
    expect(await db.conflicts.toArray()).toMatchObject([
      { fields: ['company', 'title'], base: { company: 'C0', title: 'T0' }, mine: { company: 'C1', title: 'T1' }, theirs: { company: 'CX', title: 'TX' }, theirsBy: 'eve' },
    ]);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { company: 'C1', title: 'T1' } });
  });

  it('delete-update: the record comes back in view with the server data, in conflict', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 1)], 1);
    await visitors.remove(id);
    const batch = await store.takeBatch();
    await store.applyPushResults(batch, {
      results: [
        {
          opId: batch[0]!.opId,
          status: 'conflict',
          rev: 2,
          record: visitorData({ notes: 'theirs' }),
          conflict: { kind: 'delete-update', fields: ['notes'], theirs: { notes: 'theirs' }, theirsBy: 'bob', theirsAt: 't' },
        },
      ],
      cursor: 2,
    });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { notes: 'theirs' } });
    expect(await db.conflicts.get(id)).toMatchObject({ kind: 'delete-update', mine: {} });
  });
});

describe('applyPushResults with thenTake', () => {
  const applied = (batch: { opId: string }[], rev = 1) => ({
    results: batch.map((o, i) => ({ opId: o.opId, status: 'applied' as const, rev: rev + i, record: visitorData() })),
    cursor: rev + batch.length,
  });

  it('takes the next batch in the same transaction, leaving out records still in flight', async () => {
    const [a, b, c] = [await visitors.create(visitorData({ name: 'A' })), await visitors.create(visitorData({ name: 'B' })), await visitors.create(visitorData({ name: 'C' }))];
    const first = await store.takeBatch(1);
    const inFlight = await store.takeBatch(1, undefined, { skipRecords: new Set([a]) });
    expect(inFlight.map((o) => o.id)).toEqual([b]);
    await visitors.update(a, { title: 'Later' }); // queued behind A's create, whose answer is not in yet
    const { next } = await store.applyPushResults(first, applied(first), { thenTake: { skipRecords: new Set([b]) } });
    // A's answer is written, so its later edit may go now; B is still on the wire.
    expect(next.map((o) => [o.id, o.kind])).toEqual([[c, 'create'], [a, 'update']]);
    expect(await getMeta(db, 'inflightThrough')).toBe(next[1]!.seq);
    expect(await db.visitors.get(a)).toMatchObject({ syncState: 'pending', serverRev: 1 });
  });

  it('does not take the ops held behind a rejection the same answer recorded', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    const first = await store.takeBatch();
    await visitors.update(a, { title: 'Held' });
    const b = await visitors.create(visitorData({ name: 'B' }));
    const { next } = await store.applyPushResults(
      first,
      { results: [{ opId: first[0]!.opId, status: 'rejected', error: { code: 'invalid', message: 'No' } }], cursor: 0 },
      { thenTake: {} },
    );
    expect(next.map((o) => o.id)).toEqual([b]);
  });

  it('with nothing in flight, takes again from the start what was left out before', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    const first = await store.takeBatch();
    await visitors.update(a, { title: 'Later' });
    // A later batch left A's edit out while its create was in flight, and found nothing else.
    expect(await store.takeBatch(500, undefined, { skipRecords: new Set([a]) })).toEqual([]);
    const { next } = await store.applyPushResults(first, applied(first), { thenTake: {} });
    expect(next.map((o) => [o.id, o.kind])).toEqual([[a, 'update']]);
  });
});

describe('applyPull', () => {
  it('writes the rows, shadows and the cursor together', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    await store.applyPull([change(a, 1, { name: 'Zed' }), change(b, 2, { name: 'amy' })], 2);
    expect(await getMeta(db, 'cursor')).toBe(2);
    expect(await db.visitors.orderBy('sortName').toArray()).toMatchObject([
      { id: b, syncState: 'synced', sortName: 'amy' },
      { id: a, syncState: 'synced', sortName: 'zed' },
    ]);
    expect(await getShadow(db, a)).toMatchObject({ rev: 1, data: { name: 'Zed' } });
  });

  it('with `after`, writes nothing unless the stored cursor is `after` (the page before landed)', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    await store.applyPull([change(a, 1)], 1, { after: 0 });
    await expect(store.applyPull([change(b, 3)], 3, { after: 2 })).rejects.toMatchObject({ code: 'unexpected' });
    expect(await getMeta(db, 'cursor')).toBe(1);
    expect(await db.visitors.get(b)).toBeUndefined();
    // Queued behind the page before it, before that one committed: it sees that page's cursor.
    await Promise.all([store.applyPull([change(b, 2)], 2, { after: 1 }), store.applyPull([change(a, 4)], 4, { after: 2 })]);
    expect(await getMeta(db, 'cursor')).toBe(4);
  });

  it('plans a page against what is stored when its records are known here (the guess of nothing stored is wrong)', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 1)], 1);
    await visitors.update(id, { company: 'Mine' });
    await store.applyPull([change(id, 2, { notes: 'theirs' })], 2, { after: 1 });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'pending', data: { company: 'Mine', notes: 'theirs' } });
  });

  it('rebases pending edits over the change', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 1)], 1);
    await visitors.update(id, { company: 'Mine' });
    await store.applyPull([change(id, 2, { notes: 'from bob', company: 'Bob Inc' })], 2);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'pending', data: { company: 'Mine', notes: 'from bob' } });
    expect((await getShadow(db, id))?.data.company).toBe('Bob Inc');
  });

  it('ignores changes not newer than the shadow (but still moves the cursor)', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 5, { name: 'New' })], 5);
    await store.applyPull([change(id, 4, { name: 'Old' })], 6);
    expect((await db.visitors.get(id))?.data.name).toBe('New');
    expect(await getMeta(db, 'cursor')).toBe(6);
  });

  it('a delete removes a row with nothing pending, but keeps one with pending edits', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    await store.applyPull([change(a, 1), change(b, 2)], 2);
    await visitors.update(b, { title: 'Dr' });
    await store.applyPull([change(a, 3, {}, true), change(b, 4, {}, true)], 4);
    expect(await db.visitors.get(a)).toBeUndefined();
    expect(await db.visitors.get(b)).toMatchObject({ syncState: 'pending', data: { title: 'Dr' } });
  });

  it('keeps mine for a record in conflict and refreshes theirs', async () => {
    const id = uuidv7();
    await store.applyPull([change(id, 1, { company: 'Base' })], 1);
    await db.conflicts.put({
      id,
      collection: 'visitors',
      kind: 'update-update',
      fields: ['company'],
      base: { company: 'Base' },
      mine: { company: 'Mine' },
      theirs: { company: 'T1' },
      theirsBy: 'bob',
      theirsAt: 't1',
      detectedAt: 1,
    });
    await store.applyPull([change(id, 2, { company: 'T2', notes: 'n' })], 2);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { company: 'Mine', notes: 'n' } });
    expect(await db.conflicts.get(id)).toMatchObject({ theirs: { company: 'T2' }, theirsBy: 'bob@example.com' });
  });
});
