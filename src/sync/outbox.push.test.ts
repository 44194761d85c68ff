import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import type { VisitorsRepository } from '../data/visitors';
import { getShadow } from '../data/queries';
import type { Outbox } from './outbox';
import { freshEngineWorld } from './testing/engineWorld';
import { change } from '../core/testing/changes';
import { visitorData } from '../core/testing/visitorData';
import { PUSH_BUDGET_EXCEEDED, type ConflictKind, type VisitorData } from '../core/protocol';

let db: OutpostDb, store: Outbox, visitors: VisitorsRepository;
beforeEach(() => ({ db, outbox: store, visitors } = freshEngineWorld()));
afterEach(() => db.close());

/** A conflict answer for one op: the server at `rev` holds `record`; `theirs` are its contended values. */
function conflicted(opId: string, rev: number, record: VisitorData, theirs: Partial<VisitorData>, by = 'bob', kind: ConflictKind = 'update-update') {
  const conflict = { kind, fields: Object.keys(theirs), theirs, theirsBy: by, theirsAt: `t${rev}` };
  return { opId, status: 'conflict' as const, rev, record, conflict };
}

describe('applyPushResults', () => {
  it('applied: deletes the op, moves the shadow, marks the row synced, clears the watermark', async () => {
    const id = await visitors.create(visitorData());
    const batch = await store.takeBatch();
    await store.applyPushResults(batch, { results: [{ opId: batch[0]!.opId, status: 'applied', rev: 7, record: visitorData() }], cursor: 7 });
    expect(await db.outbox.count()).toBe(0);
    // The answer is journalled, not written into the row: the row reads synced through the journal
    // (localStore.contract.test.ts), and the sync folds it in after the drain.
    expect(await db.acks.toArray()).toMatchObject([{ ids: [id], versions: [{ id, rev: 7, data: visitorData() }] }]);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'pending' });
    expect(await store.foldAcks()).toBe(1);
    expect(await db.acks.count()).toBe(0);
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
    expect(await store.applyPushResults(batch, { results: [], cursor: 0 })).toEqual({ missing: 1, overBudget: 0, next: [] });
    expect(await db.outbox.toArray()).toMatchObject([{ state: 'pending' }]);
    expect(await getMeta(db, 'inflightThrough')).toBe(0);
  });

  it('an op past the push’s work budget stays pending with no error, and the next take starts from it', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    const b = await visitors.create(visitorData({ name: 'B' }));
    const batch = await store.takeBatch();
    const results = [
      { opId: batch[0]!.opId, status: 'applied' as const, rev: 1, record: visitorData({ name: 'A' }) },
      { opId: batch[1]!.opId, status: 'rejected' as const, error: { code: PUSH_BUDGET_EXCEEDED, message: 'Not run' } },
    ];
    const { missing, overBudget, next } = await store.applyPushResults(batch, { results, cursor: 1 }, { thenTake: {} });
    expect({ missing, overBudget }).toEqual({ missing: 0, overBudget: 1 });
    expect(await store.foldAcks()).toBe(1);
    expect(await db.visitors.get(a)).toMatchObject({ syncState: 'synced' });
    expect(await db.visitors.get(b)).toMatchObject({ syncState: 'pending' });
    expect(await db.outbox.toArray()).toMatchObject([{ id: b, state: 'pending', attempts: 0 }]);
    expect(next.map((o) => o.id)).toEqual([b]);
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
        conflicted(batch[0]!.opId, 3, server, { company: 'Theirs' }),
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
        conflicted(batch[0]!.opId, 4, theirs, { company: 'CX' }),
        conflicted(batch[1]!.opId, 4, theirs, { title: 'TX' }, 'eve'),
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
        conflicted(batch[0]!.opId, 2, visitorData({ notes: 'theirs' }), { notes: 'theirs' }, 'bob', 'delete-update'),
      ],
      cursor: 2,
    });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { notes: 'theirs' } });
    expect(await db.conflicts.get(id)).toMatchObject({ kind: 'delete-update', mine: {} });
  });
});
