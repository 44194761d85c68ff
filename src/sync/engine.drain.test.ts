import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import { createDexieStore } from '../db/dexieStore';
import type { VisitorsRepository } from '../data/visitors';
import { getSyncStatus } from '../data/queries';
import type { SyncEngine } from './engine';
import { NetworkError, RequestRejectedError } from '../core/errors';
import { inMemoryLock } from './locks';
import { createOutbox } from './outbox';
import type { SyncBroadcast } from '../core/client/status';
import type { MemorySyncServer } from './testing/memoryServer';
import { NOW, freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { visitorData } from '../core/testing/visitorData';

let db: OutpostDb, server: MemorySyncServer, visitors: VisitorsRepository, messages: SyncBroadcast[];
let engine: SyncEngine, makeEngine: EngineWorld['makeEngine'];
beforeEach(() => ({ db, server, visitors, messages, engine, makeEngine } = freshEngineWorld()));
afterEach(() => db.close());

describe('sync engine: draining the outbox', () => {
  it('skips the pull of an idle wake-up when asked to (the service worker after a page drained)', async () => {
    expect(await engine.sync({ pullWhenIdle: false })).toEqual({ ok: true });
    expect(server.pulls).toEqual([]);
    await visitors.create(visitorData({ name: 'Pushed' }));
    expect(await engine.sync({ pullWhenIdle: false })).toEqual({ ok: true });
    expect(server.pulls).toHaveLength(1);
  });

  it('calls onPull right before the pull’s first request, and not when the pull is skipped', async () => {
    const pullsBefore: number[] = [];
    expect(await engine.sync({ onPull: () => pullsBefore.push(server.pulls.length) })).toEqual({ ok: true });
    expect(pullsBefore).toEqual([0]);
    expect(server.pulls).toHaveLength(1);
    expect(await engine.sync({ pullWhenIdle: false, onPull: () => pullsBefore.push(server.pulls.length) })).toEqual({ ok: true });
    expect(pullsBefore).toEqual([0]);
  });

  it('writes and publishes nothing on an idle wake-up, but still syncs one that has a failure to clear', async () => {
    expect(await engine.sync()).toEqual({ ok: true });
    const [status, published] = [await getMeta(db, 'syncStatus'), messages.length];
    expect(await engine.sync({ pullWhenIdle: false })).toEqual({ ok: true });
    expect(await getMeta(db, 'syncStatus')).toEqual(status);
    expect(messages).toHaveLength(published);

    server.failNext('pull', new NetworkError('offline'));
    expect((await engine.sync()).ok).toBe(false);
    expect(await engine.sync({ pullWhenIdle: false })).toEqual({ ok: true });
    expect((await getSyncStatus(db)).state).toBe('idle');
  });

  it('drains created visitors in batches and ends synced and idle', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await visitors.create(visitorData({ name: `V${i}` })));
    engine = makeEngine({ maxOpsPerPush: 3 });
    expect(await engine.sync()).toEqual({ ok: true });

    expect(server.pushes.map((p) => p.ops.length)).toEqual([3, 3, 1]);
    expect(server.records.size).toBe(7);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.visitors.toArray()).every((v) => v.syncState === 'synced')).toBe(true);
    expect((await db.visitors.toArray()).map((v) => v.serverRev).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await getMeta(db, 'cursor')).toBe(7);
    expect(await getSyncStatus(db)).toEqual({
      state: 'idle',
      lastSyncedAt: new Date(NOW).toISOString(),
      lastError: null,
      nextRetryAt: null,
      failures: 0,
    });
    expect(messages.filter((m) => m.type === 'progress')).toEqual([
      { type: 'progress', done: 0, total: 7 },
      { type: 'progress', done: 3, total: 7 },
      { type: 'progress', done: 6, total: 7 },
      { type: 'progress', done: 7, total: 7 },
    ]);
    expect(messages.filter((m) => m.type === 'status').map((m) => m.type === 'status' && m.status.state)).toEqual(['syncing', 'idle']);
  });

  it('journals each answer rather than rewriting rows, and folds the journal in as it pulls, even when the drain fails midway', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await visitors.create(visitorData({ name: `V${i}` })));
    engine = makeEngine({ maxOpsPerPush: 2 });
    server.duringPush = async () => {
      if (server.pushes.length === 1) server.failNext('push', new NetworkError('gone'));
    };
    expect(await engine.sync()).toMatchObject({ ok: false });
    expect(await db.acks.count()).toBe(0);
    const rows = new Map((await db.visitors.toArray()).map((v) => [v.id, v]));
    expect(ids.map((id) => rows.get(id)?.syncState)).toEqual(['synced', 'synced', 'pending', 'pending']);
    expect(ids.map((id) => rows.get(id)?.serverRev)).toEqual([1, 2, undefined, undefined]);

    server.duringPush = null;
    expect(await engine.sync()).toEqual({ ok: true });
    expect(await db.acks.count()).toBe(0);
    expect((await db.visitors.toArray()).map((v) => [v.syncState, v.serverRev])).toEqual([['synced', 1], ['synced', 2], ['synced', 3], ['synced', 4]]);
    expect(server.pulls).toHaveLength(1);
  });

  it('a teammate’s edit pulled while the journal is being folded wins over the journalled version', async () => {
    const [a, b] = [await visitors.create(visitorData({ name: 'A' })), await visitors.create(visitorData({ name: 'B' }))];
    engine = makeEngine({ maxOpsPerPush: 1 });
    server.duringPush = async () => {
      if (server.pushes.length === 2) server.edit(a, { company: 'Theirs' });
    };
    expect(await engine.sync()).toEqual({ ok: true });
    expect(await db.acks.count()).toBe(0);
    expect(await db.visitors.get(a)).toMatchObject({ syncState: 'synced', serverRev: 3, data: { name: 'A', company: 'Theirs' } });
    expect(await db.visitors.get(b)).toMatchObject({ syncState: 'synced', serverRev: 2 });
  });

  it('never has two ops of one record on the wire at once: a later op waits for the earlier answer', async () => {
    const a = await visitors.create(visitorData({ name: 'A' }));
    const b = await visitors.create(visitorData({ name: 'B' }));
    await db.outbox.add({ opId: uuidv7(), collection: 'visitors', id: a, kind: 'update', patch: { title: 'Later' }, base: { title: 'Mathematician' }, state: 'pending', attempts: 0, createdAt: 0 });
    const c = await visitors.create(visitorData({ name: 'C' }));
    let onWire = 0;
    const push = server.push.bind(server);
    server.push = async (req) => {
      onWire++;
      try {
        expect(onWire).toBe(1);
        return await push(req);
      } finally {
        onWire--;
      }
    };
    engine = makeEngine({ maxOpsPerPush: 2 });
    expect(await engine.sync()).toEqual({ ok: true });
    // A's update was left out of the batch taken while A's create was in flight, and went last.
    expect(server.pushes.map((p) => p.ops.map((o) => [o.id, o.kind]))).toEqual([
      [[a, 'create'], [b, 'create']],
      [[c, 'create']],
      [[a, 'update']],
    ]);
    expect(server.records.get(a)?.data.title).toBe('Later');
    expect(await db.outbox.count()).toBe(0);
    expect(await getMeta(db, 'inflightThrough')).toBe(0);
  });

  it('creates the clientId once and sends it with every push', async () => {
    await visitors.create(visitorData());
    await engine.sync();
    await visitors.create(visitorData());
    await engine.sync();
    const clientId = await getMeta(db, 'clientId');
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.pushes.map((p) => p.clientId)).toEqual([clientId, clientId]);
  });

  // Invariant 5: a drainer that died leaves its watermark; its ops go back to pending.
  it('resends the ops of a drainer that died mid-push', async () => {
    await visitors.create(visitorData({ name: 'A' }));
    await visitors.create(visitorData({ name: 'B' }));
    const dead = await createOutbox(createDexieStore(db)).takeBatch();
    expect(dead).toHaveLength(2);
    expect(await getMeta(db, 'inflightThrough')).toBeGreaterThan(0);

    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.pushes).toHaveLength(1);
    expect(server.pushes[0]!.ops.map((o) => o.opId)).toEqual(dead.map((o) => o.opId));
    expect(await db.outbox.count()).toBe(0);
  });

  // Invariant 3: the answer was lost after the server committed; the replay is answered "duplicate".
  it('replaying a batch whose answer was lost has one effect', async () => {
    const id = await visitors.create(visitorData());
    server.failNext('push', 'drop-after-commit');
    const first = await engine.sync();
    expect(first).toMatchObject({ ok: false, error: expect.any(NetworkError) });
    expect(await db.outbox.count()).toBe(1);
    expect(server.rev).toBe(1);

    expect(await engine.sync({ force: true })).toEqual({ ok: true });
    expect(server.pushes[1]!.ops[0]!.opId).toBe(server.pushes[0]!.ops[0]!.opId);
    expect(server.rev).toBe(1); // applied once
    expect(await db.outbox.count()).toBe(0);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced' });
  });

  it('an edit made after a lost answer is sent as its own op, not folded into the maybe-applied create', async () => {
    const id = await visitors.create(visitorData());
    server.failNext('push', 'drop-after-commit');
    await engine.sync();
    await visitors.update(id, { company: 'After' });
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.records.get(id)?.data.company).toBe('After');
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced', data: { company: 'After' } });
  });

  it('halves the batch on 413 and rejects an op that is too large on its own', async () => {
    for (let i = 0; i < 4; i++) await visitors.create(visitorData({ name: `V${i}` }));
    const big = await visitors.create(visitorData({ name: 'Big' }));
    const push = server.push.bind(server);
    server.push = async (req) => {
      if (req.ops.length > 2 || req.ops.some((o) => o.id === big)) {
        server.pushes.push(req);
        throw new RequestRejectedError(413);
      }
      return push(req);
    };
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.records.size).toBe(4);
    expect(await db.visitors.get(big)).toMatchObject({ syncState: 'failed', error: { code: 'too_large' } });
  });

  it('reports a push answer that leaves ops out instead of looping', async () => {
    await visitors.create(visitorData());
    server.push = async () => ({ results: [], cursor: 0 });
    const outcome = await engine.sync();
    expect(outcome).toMatchObject({ ok: false, error: { code: 'protocol' } });
    expect(await db.outbox.count()).toBe(1);
  });

  it('two engines (two tabs) drain under one lock without sending an op twice', async () => {
    for (let i = 0; i < 20; i++) await visitors.create(visitorData({ name: `V${i}` }));
    const lock = inMemoryLock();
    const a = makeEngine({ lock, maxOpsPerPush: 5 });
    const b = makeEngine({ lock, maxOpsPerPush: 5 });
    await Promise.all([a.sync(), b.sync()]);
    const sent = server.pushes.flatMap((p) => p.ops.map((o) => o.opId));
    expect(new Set(sent).size).toBe(sent.length);
    expect(server.records.size).toBe(20);
  });
});
