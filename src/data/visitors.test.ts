import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { getMeta, setMeta } from '../db/meta';
import { createOutbox } from '../sync/outbox';
import { createDexieStore } from '../db/dexieStore';
import { change } from '../core/testing/changes';
import { visitorData } from '../core/testing/visitorData';
import { RecordNotFoundError } from './errors';
import { ValidationError } from './validation';
import { createVisitorsRepository, type VisitorsRepository } from './visitors';
import { possibleDuplicatesOf } from './duplicates';
import { companyConflict } from '../core/testing/rows';

let db: OutpostDb;
let visitors: VisitorsRepository;
const ops = () => db.outbox.orderBy('seq').toArray();

beforeEach(() => {
  db = openTestDb();
  visitors = createVisitorsRepository(createDexieStore(db), { now: () => new Date(1_000) });
});
afterEach(() => db.close());

/** A record this device has from the server (shadow rev `rev`). */
async function pulled(data = visitorData(), rev = 1): Promise<string> {
  const id = uuidv7();
  await createOutbox(createDexieStore(db)).applyPull([change(id, rev, data)], rev);
  return id;
}

describe('create', () => {
  it('writes the row (pending) and a create op', async () => {
    const id = await visitors.create(visitorData({ name: '  Grace Hopper ' }));
    const row = await db.visitors.get(id);
    expect(row).toMatchObject({ id, syncState: 'pending', sortName: 'grace hopper', data: { name: 'Grace Hopper' }, localUpdatedAt: 1_000 });
    const [op] = await ops();
    expect(op).toMatchObject({ kind: 'create', id, collection: 'visitors', state: 'pending', attempts: 0, data: row!.data });
    expect(op!.opId).not.toBe(id);
  });

  it('each op keeps its author: whoever’s session is stored at the write (none while nobody is signed in)', async () => {
    const ada = { id: 'u-ada', email: 'ada@example.com' };
    await visitors.create(visitorData({ name: 'Before' }));
    await setMeta(db, 'session', { user: ada, workspace: { id: 'w', name: 'Booth' } });
    const [id] = await visitors.createMany([visitorData({ name: 'Ada’s' })]);
    const bo = { id: 'u-bo', email: 'bo@example.com' };
    await setMeta(db, 'session', { user: bo, workspace: { id: 'w', name: 'Booth' } });
    await visitors.update(id!, { title: 'Bo’s' });
    await visitors.remove(id!);
    expect((await ops()).map((o) => [o.kind, o.author])).toEqual([
      ['create', undefined],
      ['create', ada],
      // Bo's edit and delete fold into one, but not into Ada's create: each goes out under its author's session.
      ['delete', bo],
    ]);
  });

  it('refuses invalid data with a message per field, writing nothing', async () => {
    const err = await visitors.create(visitorData({ name: ' ', email: 'nope', rating: 9 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({
      name: 'Name is required',
      email: 'Email is not a valid address',
      rating: 'Rating is 0 to 5',
    });
    expect(await db.visitors.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  // Invariant 1: the row and its op are one transaction.
  it('writes neither the row nor the op when the op cannot be written', async () => {
    db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(visitors.create(visitorData())).rejects.toThrow('disk full');
    expect(await db.visitors.count()).toBe(0);
  });
});

describe('record ids', () => {
  it('are UUIDv7s made on this device, ordered by creation', async () => {
    const ids = [...(await visitors.createMany([visitorData(), visitorData()])), await visitors.create(visitorData())];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect((await db.outbox.toArray()).map((o) => o.id)).toEqual(ids);
  });
});

describe('createMany', () => {
  it('stores every visitor with its create op, in order, in one go', async () => {
    const ids = await visitors.createMany([visitorData({ name: 'A' }), visitorData({ name: 'B' })]);
    expect((await db.visitors.bulkGet(ids)).map((r) => [r?.data.name, r?.syncState])).toEqual([
      ['A', 'pending'],
      ['B', 'pending'],
    ]);
    expect((await ops()).map((o) => [o.kind, o.id])).toEqual(ids.map((id) => ['create', id]));
  });

  it('stores nothing when one of them is invalid', async () => {
    await expect(visitors.createMany([visitorData({ name: 'A' }), visitorData({ name: '' })])).rejects.toBeInstanceOf(ValidationError);
    expect(await db.visitors.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('update', () => {
  it('queues only the changed fields, with their local values as base and the shadow rev', async () => {
    const id = await pulled(visitorData({ company: 'Old' }), 4);
    await visitors.update(id, { company: 'New', name: visitorData().name });
    expect(await ops()).toMatchObject([{ kind: 'update', patch: { company: 'New' }, base: { company: 'Old' } }]);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'pending', data: { company: 'New' } });
  });

  it('is a no-op when nothing changes', async () => {
    const id = await pulled();
    await visitors.update(id, { company: visitorData().company, interests: [...visitorData().interests] });
    expect(await ops()).toEqual([]);
    expect((await db.visitors.get(id))?.syncState).toBe('synced');
  });

  it('refuses unknown fields and bad values', async () => {
    const id = await pulled();
    const err = (await visitors.update(id, { company: 'x'.repeat(201), shoeSize: 42 } as never).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({ company: 'Company must be at most 200 characters', shoeSize: 'Unknown field' });
  });

  it('throws for a record not on this device', async () => {
    await expect(visitors.update(uuidv7(), { name: 'x' })).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('leaves row and op untouched when the op cannot be written', async () => {
    const id = await pulled();
    db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(visitors.update(id, { name: 'Changed' })).rejects.toThrow('disk full');
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced', data: { name: visitorData().name } });
  });
});

describe('coalescing through the repository', () => {
  it('create + update → one create with the merged data', async () => {
    const id = await visitors.create(visitorData());
    await visitors.update(id, { company: 'Merged' });
    const all = await ops();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'create', data: { company: 'Merged' } });
  });

  it('create + delete → nothing left, row gone', async () => {
    const id = await visitors.create(visitorData());
    await visitors.remove(id);
    expect(await ops()).toEqual([]);
    expect(await db.visitors.get(id)).toBeUndefined();
  });

  it('an edit names the revision of the server version it was made against (protocol 4), a new record’s none', async () => {
    const id = await pulled(visitorData({ name: 'A' }), 2);
    await visitors.update(id, { name: 'B' });
    expect(await ops()).toMatchObject([{ kind: 'update', baseRev: 2 }]);
    const fresh = await visitors.create(visitorData({ name: 'New' }));
    await visitors.update(fresh, { name: 'Newer' });
    expect((await ops()).find((o) => o.id === fresh)).not.toHaveProperty('baseRev');
  });

  it('update + update → one update: latest values, earliest base', async () => {
    const id = await pulled(visitorData({ name: 'A', title: 'T0' }), 2);
    await visitors.update(id, { name: 'B' });
    await visitors.update(id, { name: 'C', title: 'T1' });
    expect(await ops()).toMatchObject([{ kind: 'update', patch: { name: 'C', title: 'T1' }, base: { name: 'A', title: 'T0' } }]);
  });

  it('update + delete → one delete with the update’s base', async () => {
    const id = await pulled(visitorData({ name: 'A' }), 2);
    await visitors.update(id, { name: 'B' });
    await visitors.remove(id);
    const all = await ops();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'delete', base: { ...visitorData(), name: 'A' } });
    expect(await db.visitors.get(id)).toBeUndefined();
  });

  it('never folds into an op in flight: the edit is a new op with the in-flight value as base', async () => {
    const id = await pulled(visitorData({ name: 'A' }), 2);
    await visitors.update(id, { name: 'B' });
    const batch = await createOutbox(createDexieStore(db)).takeBatch();
    expect(batch).toHaveLength(1);
    await visitors.update(id, { name: 'C' });
    expect(await ops()).toMatchObject([
      { patch: { name: 'B' }, base: { name: 'A' } },
      { patch: { name: 'C' }, base: { name: 'B' } },
    ]);
  });

  // An op whose answer was lost may be applied already: folding an edit into it (same or new
  // opId) would make the server answer "duplicate" or "exists" and lose the edit.
  it('never folds into an op that may have reached the server, even after its drainer died', async () => {
    const id = await visitors.create(visitorData());
    const store = createOutbox(createDexieStore(db));
    await store.takeBatch();
    await store.recoverInflight();
    expect(await getMeta(db, 'inflightThrough')).toBe(0);
    await visitors.update(id, { name: 'Later' });
    expect(await ops()).toMatchObject([{ kind: 'create' }, { kind: 'update', patch: { name: 'Later' } }]);
  });
});

describe('shadows', () => {
  it('the first edit of a synced record stores its shadow; syncing drops it again', async () => {
    const id = await pulled(visitorData({ company: 'Server' }), 3);
    expect(await db.shadows.count()).toBe(0);
    await visitors.update(id, { company: 'Local' });
    expect(await db.shadows.get(id)).toMatchObject({ rev: 3, data: { company: 'Server' } });
    const store = createOutbox(createDexieStore(db));
    const batch = await store.takeBatch();
    await store.applyPushResults(batch, { results: [{ opId: batch[0]!.opId, status: 'applied', rev: 4, record: visitorData({ company: 'Local' }) }], cursor: 4 });
    expect(await db.shadows.count()).toBe(0);
    expect(await store.foldAcks()).toBe(1); // the sync folds the answer's journal row into the row
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced', serverRev: 4, data: { company: 'Local' } });
  });

  it('a pending delete keeps the shadow (the row is gone)', async () => {
    const id = await pulled(visitorData(), 3);
    await visitors.remove(id);
    expect(await db.shadows.get(id)).toMatchObject({ rev: 3, deleted: false });
  });
});

describe('remove', () => {
  it('queues a delete with the local data as base and removes the row', async () => {
    const id = await pulled(visitorData(), 3);
    await visitors.remove(id);
    expect(await ops()).toMatchObject([{ kind: 'delete', base: visitorData() }]);
    expect(await db.visitors.get(id)).toBeUndefined();
  });

  it('is a no-op for a record that is not here', async () => {
    await visitors.remove(uuidv7());
    expect(await ops()).toEqual([]);
  });
});

describe('while a record is in conflict', () => {
  async function inConflict() {
    const id = await pulled(visitorData({ company: 'Base' }), 1);
    await db.conflicts.put(companyConflict(id));
    await createOutbox(createDexieStore(db)).applyPull([change(id, 2, { company: 'Theirs' })], 2);
    return id;
  }

  it('edits fold into the conflict’s mine and are not queued', async () => {
    const id = await inConflict();
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { company: 'Mine' } });
    await visitors.update(id, { company: 'Mine 2', title: 'Dr' });
    expect(await ops()).toEqual([]);
    expect(await db.conflicts.get(id)).toMatchObject({
      mine: { company: 'Mine 2', title: 'Dr' },
      base: { company: 'Base', title: visitorData().title },
      fields: ['company'],
    });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { company: 'Mine 2', title: 'Dr' } });
  });

  it('deleting settles the conflict and queues the delete', async () => {
    const id = await inConflict();
    await visitors.remove(id);
    expect(await db.conflicts.count()).toBe(0);
    expect(await ops()).toMatchObject([{ kind: 'delete', base: { company: 'Mine' } }]);
  });
});

describe('restore from a backup', () => {
  it('creates the visitors this device does not know under their own ids, with their photos, and skips the others', async () => {
    const known = await pulled(visitorData({ name: 'Known Here' }));
    const fresh = uuidv7();
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const hash = '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81'; // SHA-256 of 01 02 03
    const result = await visitors.restore(
      [
        { id: known, data: visitorData({ name: 'Known Here, older copy' }) },
        { id: fresh, data: visitorData({ name: 'From The Backup', cardPhoto: hash }) },
      ],
      [{ bytes, type: 'image/jpeg' }],
    );
    expect(result).toEqual({ restored: 1, skipped: 1 });
    expect((await db.visitors.get(known))?.data.name).toBe('Known Here');
    expect(await db.visitors.get(fresh)).toMatchObject({ syncState: 'pending', data: { name: 'From The Backup', cardPhoto: hash } });
    expect((await ops()).map((o) => [o.kind, o.id])).toEqual([['create', fresh]]);
    expect(await db.attachments.get(hash)).toMatchObject({ state: 'pending', type: 'image/jpeg' });

    // The same backup again adds nothing.
    expect(await visitors.restore([{ id: fresh, data: visitorData({ name: 'From The Backup' }) }], [])).toEqual({ restored: 0, skipped: 1 });
    expect(await ops()).toHaveLength(1);
  });
});

describe('duplicates', () => {
  it('merges two records of one person in one transaction: the kept one edited, the other deleted, both as ordinary ops', async () => {
    const kept = await pulled(visitorData({ name: 'Ada', email: 'ada@example.com', title: '' }), 1);
    const other = await pulled(visitorData({ name: 'Ada L', email: 'ADA@example.com', title: 'CTO' }), 2);
    expect(await possibleDuplicatesOf(db, [kept, other])).toEqual(new Map([[kept, [other]], [other, [kept]]]));
    await visitors.mergeDuplicates(kept, other, { title: 'CTO', interests: ['engines', 'looms'] });
    expect(await db.visitors.get(other)).toBeUndefined();
    expect((await db.visitors.get(kept))?.data).toMatchObject({ title: 'CTO', interests: ['engines', 'looms'] });
    expect((await ops()).map((o) => [o.kind, o.id, o.patch, o.base?.title])).toEqual([
      ['update', kept, { title: 'CTO', interests: ['engines', 'looms'] }, ''],
      ['delete', other, undefined, 'CTO'],
    ]);
    expect(await possibleDuplicatesOf(db, [kept, other])).toEqual(new Map());
  });

  it('writes neither half of a merge when one record is gone', async () => {
    const kept = await pulled(visitorData({ name: 'Ada' }), 1);
    await expect(visitors.mergeDuplicates(kept, uuidv7(), { title: 'CTO' })).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await ops()).toEqual([]);
    expect((await db.visitors.get(kept))?.data.title).toBe(visitorData().title);
  });

  it('"Not the same person" is an edit of distinctFrom that ends the pair, once', async () => {
    const a = await pulled(visitorData({ name: 'Ada', email: 'ada@example.com' }), 1);
    const b = await pulled(visitorData({ name: 'Ada B', email: 'ada@example.com' }), 2);
    await visitors.dismissDuplicate(b, a);
    await visitors.dismissDuplicate(b, a);
    expect((await ops()).map((o) => o.patch)).toEqual([{ distinctFrom: [a] }]);
    expect(await possibleDuplicatesOf(db, [a, b])).toEqual(new Map());
  });
});
