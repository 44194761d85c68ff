import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import { createDexieStore } from '../db/dexieStore';
import type { VisitorsRepository } from '../data/visitors';
import type { Outbox } from './outbox';
import { ADA, BO, freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { setMeta } from '../db/meta';
import { visitorData } from '../core/testing/visitorData';
import { wireSize } from '../core/client/wire';

let db: OutpostDb, store: Outbox, visitors: VisitorsRepository, signIn: EngineWorld['signIn'];
beforeEach(() => ({ db, outbox: store, visitors, signIn } = freshEngineWorld()));
afterEach(() => db.close());

describe('takeBatch', () => {
  it('takes ops in seq order up to maxOps and marks them in flight', async () => {
    for (let i = 0; i < 5; i++) await visitors.create(visitorData({ name: `V${i}` }));
    const batch = await store.takeBatch({ maxOps: 3 });
    expect(batch.map((o) => o.data!.name)).toEqual(['V0', 'V1', 'V2']);
    expect(await getMeta(db, 'inflightThrough')).toBe(batch[2]!.seq);
    expect(await getMeta(db, 'sentThrough')).toBe(batch[2]!.seq);
  });

  it('stops before maxBytes (but always sends at least one op)', async () => {
    for (let i = 0; i < 4; i++) await visitors.create(visitorData({ notes: 'x'.repeat(5000) }));
    const [first] = await db.outbox.toArray();
    const size = wireSize(first!);
    expect(await store.takeBatch({ maxBytes: 256 + size * 2 + 10 })).toHaveLength(2);
    await store.recoverInflight();
    expect(await store.takeBatch({ maxBytes: 10 })).toHaveLength(1);
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

  it('counts what the next drain will send (not ops held behind a rejection)', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    await visitors.create(visitorData({ name: 'B' }));
    expect(await pendingTotal()).toBe(2);
    await db.outbox.where('id').equals(a).modify({ state: 'failed' });
    await db.outbox.add({ opId: uuidv7(), collection: 'visitors', id: a, kind: 'update', patch: { name: 'A2' }, base: { name: 'A' }, state: 'pending', attempts: 0, createdAt: 0 });
    expect(await pendingTotal()).toBe(1);
  });

  it('returns nothing and writes no watermark when the outbox is empty', async () => {
    expect(await store.takeBatch()).toEqual([]);
    expect(await getMeta(db, 'inflightThrough')).toBeUndefined();
  });
});

/** A drain's first transaction: what it counts, and (with `take`) the first batch it takes. */
function begin(options?: Parameters<Outbox['beginDrain']>[1], { take = true } = {}) {
  // As the engine calls it: beside another read, in one Promise.all (a bare await of the async
  // function loses Dexie's transaction zone under fake-indexeddb: PrematureCommitError).
  return createDexieStore(db).transaction(['outbox', 'meta'], async (tx) => {
    const [{ pending, takeFirst }] = await Promise.all([store.beginDrain(tx, options), tx.meta(['cursor'] as const)]);
    return { pending, first: take ? await takeFirst() : [] };
  });
}

/** What the next drain will send, as its first transaction counts it (taking nothing). */
const pendingTotal = async () => (await begin({}, { take: false })).pending;

describe('beginDrain', () => {
  it('recovers a dead drainer’s ops, counts what will go and takes the first batch as takeBatch would', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    const b = await visitors.create(visitorData({ name: 'B' }));
    const c = await visitors.create(visitorData({ name: 'C' }));
    expect(await store.takeBatch({ maxOps: 1 })).toHaveLength(1); // A in flight, its drainer dead
    await db.outbox.where('id').equals(b).modify({ state: 'failed' });
    await db.outbox.add({ opId: uuidv7(), collection: 'visitors', id: b, kind: 'update', patch: { name: 'B2' }, base: { name: 'B' }, state: 'pending', attempts: 0, createdAt: 0 });

    const { pending, first } = await begin({ maxOps: 500 });
    expect(pending).toBe(2);
    expect(first.map((o) => o.id)).toEqual([a, c]);
    expect(await getMeta(db, 'inflightThrough')).toBe(first[1]!.seq);
    expect(await getMeta(db, 'sentThrough')).toBe(first[1]!.seq);
  });

  it('takes again what a dead drainer left in flight', async () => {
    await visitors.create(visitorData({ name: 'A' }));
    await store.takeBatch();
    expect((await begin()).pending).toBe(1);
    expect(await getMeta(db, 'inflightThrough')).toBe(1);
  });

  it('takes a first batch that fills past held ops, within the limits', async () => {
    await signIn(ADA);
    const a = await visitors.create(visitorData({ name: 'Ada' }));
    await signIn(BO);
    const bs = [];
    for (let i = 0; i < 3; i++) bs.push(await visitors.create(visitorData({ name: `Bo ${i}` })));
    const { pending, first } = await begin({ maxOps: 2 });
    expect(pending).toBe(3);
    expect(first.map((o) => o.id)).toEqual(bs.slice(0, 2));
    expect(first.map((o) => o.id)).not.toContain(a);
  });
});

describe('takeBatch on a shared device', () => {
  it('takes only the signed-in person’s ops; another person’s wait, with the later ops of their records', async () => {
    await signIn(ADA);
    const a1 = await visitors.create(visitorData({ name: 'Ada 1' }));
    const a2 = await visitors.create(visitorData({ name: 'Ada 2' }));
    await signIn(BO);
    const b1 = await visitors.create(visitorData({ name: 'Bo 1' }));
    await visitors.update(a1, { title: 'Edited by Bo' }); // after Ada's create: waits behind it
    expect(await pendingTotal()).toBe(1);
    expect((await store.takeBatch()).map((o) => [o.id, o.author?.email])).toEqual([[b1, 'bo@example.com']]);
    await store.recoverInflight();
    await signIn(ADA);
    expect((await store.takeBatch()).map((o) => [o.id, o.kind])).toEqual([[a1, 'create'], [a2, 'create']]);
  });

  it('holds another person’s record even when the take starts after their op (a batch in flight)', async () => {
    await signIn(ADA);
    const a1 = await visitors.create(visitorData({ name: 'Ada 1' }));
    await signIn(BO);
    const b1 = await visitors.create(visitorData({ name: 'Bo 1' }));
    expect((await store.takeBatch()).map((o) => o.id)).toEqual([b1]); // in flight: the next take starts after it
    await visitors.update(a1, { title: 'Edited by Bo' });
    expect(await store.takeBatch({ skipRecords: new Set([b1]) })).toEqual([]);
  });

  it('ops queued before authors were kept go with whoever is signed in; nobody signed in: only those', async () => {
    const old = await visitors.create(visitorData({ name: 'Old' })); // nobody signed in: no author
    await signIn(ADA);
    await visitors.create(visitorData({ name: 'Ada' }));
    await db.meta.delete('session');
    expect((await store.takeBatch()).map((o) => o.id)).toEqual([old]);
  });

  it('sends none of a person’s ops once the server refused their session, until someone signs in', async () => {
    await signIn(ADA);
    const a1 = await visitors.create(visitorData({ name: 'Ada' }));
    await setMeta(db, 'sessionRefused', ADA.id);
    expect(await pendingTotal()).toBe(0);
    expect(await store.takeBatch()).toEqual([]);
    await signIn(ADA);
    expect((await store.takeBatch()).map((o) => o.id)).toEqual([a1]);
  });

  it('stillSendable: whether a batch taken earlier may still go under the session stored now', async () => {
    await signIn(ADA);
    await visitors.create(visitorData({ name: 'Ada' }));
    const batch = await store.takeBatch();
    expect(await store.stillSendable(batch)).toBe(true);
    await signIn(BO);
    expect(await store.stillSendable(batch)).toBe(false);
    await db.meta.delete('session');
    expect(await store.stillSendable(batch)).toBe(false);
  });
});

describe('applyPushResults with thenTake', () => {
  const applied = (batch: { opId: string }[], rev = 1) => ({
    results: batch.map((o, i) => ({ opId: o.opId, status: 'applied' as const, rev: rev + i, record: visitorData() })),
    cursor: rev + batch.length,
  });

  it('takes the next batch in the same transaction, leaving out records still in flight', async () => {
    const [a, b, c] = [await visitors.create(visitorData({ name: 'A' })), await visitors.create(visitorData({ name: 'B' })), await visitors.create(visitorData({ name: 'C' }))];
    const first = await store.takeBatch({ maxOps: 1 });
    const inFlight = await store.takeBatch({ maxOps: 1, skipRecords: new Set([a]) });
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
    expect(await store.takeBatch({ skipRecords: new Set([a]) })).toEqual([]);
    const { next } = await store.applyPushResults(first, applied(first), { thenTake: {} });
    expect(next.map((o) => [o.id, o.kind])).toEqual([[a, 'update']]);
  });
});
