import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import type { VisitorsRepository } from '../data/visitors';
import { getShadow } from '../data/queries';
import type { Outbox } from './outbox';
import { freshEngineWorld } from './testing/engineWorld';
import { change } from '../core/testing/changes';
import { companyConflict } from '../core/testing/rows';

let db: OutpostDb, store: Outbox, visitors: VisitorsRepository;
beforeEach(() => ({ db, outbox: store, visitors } = freshEngineWorld()));
afterEach(() => db.close());

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
    await db.conflicts.put(companyConflict(id, { theirs: { company: 'T1' }, theirsAt: 't1' }));
    await store.applyPull([change(id, 2, { company: 'T2', notes: 'n' })], 2);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { company: 'Mine', notes: 'n' } });
    expect(await db.conflicts.get(id)).toMatchObject({ theirs: { company: 'T2' }, theirsBy: 'bob@example.com' });
  });
});
