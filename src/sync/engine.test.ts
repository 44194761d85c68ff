import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import { createVisitorsRepository, type VisitorsRepository } from '../data/visitors';
import { getSyncStatus } from '../data/queries';
import { createSyncEngine, type SyncEngine } from './engine';
import { AuthError, NetworkError, RateLimitedError, RequestRejectedError } from '../core/errors';
import { inMemoryLock } from './locks';
import { createOutboxStore } from './outboxStore';
import type { SyncMessage } from '../core/client/status';
import { FakeSyncServer } from './testing/fakeServer';
import { visitorData } from '../core/testing/visitorData';

const NOW = Date.parse('2025-05-01T10:00:00Z');

let db: OutpostDb;
let server: FakeSyncServer;
let visitors: VisitorsRepository;
let messages: SyncMessage[];
let engine: SyncEngine;

function makeEngine(options: Partial<Parameters<typeof createSyncEngine>[0]> = {}) {
  return createSyncEngine({
    db,
    transport: server,
    lock: inMemoryLock(),
    now: () => NOW,
    random: () => 0.5,
    publish: (m) => messages.push(m),
    ...options,
  });
}

beforeEach(() => {
  db = openTestDb();
  server = new FakeSyncServer();
  visitors = createVisitorsRepository(db);
  messages = [];
  engine = makeEngine();
});
afterEach(() => db.close());

describe('sync engine', () => {
  it('skips the pull of an idle wake-up when asked to (the service worker after a page drained)', async () => {
    expect(await engine.sync({ pullWhenIdle: false })).toEqual({ ok: true });
    expect(server.pulls).toEqual([]);
    await visitors.create(visitorData({ name: 'Pushed' }));
    expect(await engine.sync({ pullWhenIdle: false })).toEqual({ ok: true });
    expect(server.pulls).toHaveLength(1);
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
    const dead = await createOutboxStore(db).takeBatch();
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

  it('a retryable failure keeps the ops and goes offline with a backoff retry time', async () => {
    await visitors.create(visitorData());
    server.failNext('push', new NetworkError('offline'));
    const outcome = await engine.sync();
    expect(outcome).toEqual({ ok: false, error: expect.any(NetworkError), retryAt: NOW + 500 });
    expect(await db.outbox.toArray()).toMatchObject([{ state: 'pending', attempts: 0 }]);
    expect(await getMeta(db, 'inflightThrough')).toBe(0);
    expect(await getSyncStatus(db)).toMatchObject({ state: 'offline', failures: 1, nextRetryAt: NOW + 500, lastError: { code: 'network' } });

    server.failNext('push', new NetworkError('still offline'));
    expect(await engine.sync()).toMatchObject({ retryAt: NOW + 1000 });
    expect((await getSyncStatus(db)).failures).toBe(2);

    expect(await engine.sync()).toEqual({ ok: true });
    expect(await getSyncStatus(db)).toMatchObject({ state: 'idle', failures: 0, nextRetryAt: null });
  });

  it('429 honours Retry-After', async () => {
    await visitors.create(visitorData());
    server.failNext('push', new RateLimitedError(20_000));
    expect(await engine.sync()).toMatchObject({ ok: false, retryAt: NOW + 20_000 });
    expect((await getSyncStatus(db)).state).toBe('error');
  });

  it('a failed pull keeps the cursor where it was', async () => {
    server.seed(uuidv7(), visitorData());
    server.failNext('pull', new NetworkError('down'));
    expect((await engine.sync()).ok).toBe(false);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
  });

  it('401 → auth-required, outbox kept, no more syncing until forced', async () => {
    await visitors.create(visitorData());
    server.failNext('push', new AuthError(401));
    expect(await engine.sync()).toEqual({ ok: false, error: expect.any(AuthError), retryAt: null });
    expect(await getSyncStatus(db)).toMatchObject({ state: 'auth-required', nextRetryAt: null, lastError: { code: 'auth' } });
    expect(await db.outbox.count()).toBe(1);

    const paused = await engine.sync();
    expect(paused).toMatchObject({ ok: false, error: expect.any(AuthError), retryAt: null });
    expect(server.pushes).toHaveLength(1);

    expect(await engine.sync({ force: true })).toEqual({ ok: true });
    expect(await db.outbox.count()).toBe(0);
  });

  it('a rejected op: failed row with the message, later ops of the record held, other records flow; discard restores', async () => {
    const good = await visitors.create(visitorData({ name: 'Good' }));
    await engine.sync();
    const bad = uuidv7();
    server.seed(bad, visitorData({ name: 'Bad' }));
    await engine.sync();

    server.rejectOp = (op) => (op.id === bad ? { code: 'invalid', message: 'Email is blocked', field: 'email' } : null);
    await visitors.update(bad, { email: 'spam@example.com' });
    // The person edits again while that update is in flight: a new op, held once the first is rejected.
    server.duringPush = async () => {
      server.duringPush = null;
      await visitors.update(bad, { title: 'Boss' });
    };
    await visitors.update(good, { title: 'Fine' });
    expect(await engine.sync()).toEqual({ ok: true });

    expect(await db.visitors.get(bad)).toMatchObject({
      syncState: 'failed',
      error: { code: 'invalid', message: 'Email is blocked', field: 'email' },
      data: { email: 'spam@example.com', title: 'Boss' },
    });
    expect(await db.outbox.where('id').equals(bad).toArray()).toMatchObject([{ state: 'failed' }, { state: 'pending', patch: { title: 'Boss' } }]);
    expect(server.records.get(good)?.data.title).toBe('Fine');

    const pushesBefore = server.pushes.length;
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.pushes).toHaveLength(pushesBefore); // the held op is not sent

    await visitors.discardFailed(bad);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.visitors.get(bad)).toMatchObject({ syncState: 'synced', data: visitorData({ name: 'Bad' }) });
    expect(await db.visitors.get(bad)).not.toHaveProperty('error');
  });

  // Pipelining sends the next batch before the previous answer is written; it must not carry
  // a later op of a record whose earlier op may be rejected in the answer being written.
  it('does not send an op of a record while that record’s earlier op awaits its answer being written', async () => {
    const a = uuidv7();
    server.seed(a, visitorData({ name: 'A' }));
    await engine.sync();
    await visitors.create(visitorData({ name: 'B' }));
    await visitors.update(a, { email: 'blocked@example.com' });
    const store = createOutboxStore(db);
    await store.takeBatch(); // sent once before, answer lost: the next edit cannot fold into it
    await store.recoverInflight();
    await visitors.update(a, { title: 'Later' });
    await visitors.create(visitorData({ name: 'C' }));
    server.rejectOp = (op) => (op.kind === 'update' && op.patch.email ? { code: 'invalid', message: 'Blocked', field: 'email' } : null);

    engine = makeEngine({ maxOpsPerPush: 2 });
    expect(await engine.sync()).toEqual({ ok: true });
    const sentToA = server.pushes.flatMap((p) => p.ops).filter((o) => o.id === a);
    expect(sentToA).toHaveLength(1);
    expect(await db.outbox.where('id').equals(a).toArray()).toMatchObject([{ state: 'failed' }, { state: 'pending', patch: { title: 'Later' } }]);
    expect([...server.records.values()].map((r) => r.data.name).sort()).toEqual(['A', 'B', 'C']);
  });

  it('editing a rejected record folds everything into one pending op that syncs', async () => {
    const id = await visitors.create(visitorData());
    server.rejectOp = (op) => (op.kind === 'create' && op.data.company === 'Blocked' ? { code: 'invalid', message: 'No', field: 'company' } : null);
    await visitors.update(id, { company: 'Blocked' });
    await engine.sync();
    expect((await db.visitors.get(id))?.syncState).toBe('failed');

    await visitors.update(id, { company: 'Allowed' });
    expect(await db.outbox.toArray()).toMatchObject([{ kind: 'create', state: 'pending', data: { company: 'Allowed' } }]);
    expect((await db.visitors.get(id))?.syncState).toBe('pending');
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.records.get(id)?.data.company).toBe('Allowed');
  });

  it('discarding a rejected create removes the row', async () => {
    const id = await visitors.create(visitorData());
    server.rejectOp = () => ({ code: 'invalid', message: 'No' });
    await engine.sync();
    await visitors.discardFailed(id);
    expect(await db.visitors.get(id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('pulls page by page, writing the cursor, and rebases pending edits', async () => {
    const ids = Array.from({ length: 5 }, () => uuidv7());
    ids.forEach((id, i) => server.seed(id, visitorData({ name: `S${i}` })));
    engine = makeEngine({ pullLimit: 2, maxPullLimit: 2 });
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.pulls.map((p) => p.since)).toEqual([0, 2, 4]);
    expect(await getMeta(db, 'cursor')).toBe(5);
    expect(await db.visitors.count()).toBe(5);

    // Someone else edits S1 while this device has a pending edit of another field; the push fails.
    server.edit(ids[1]!, { notes: 'from bob' });
    await visitors.update(ids[1]!, { company: 'Mine' });
    server.failNext('push', new NetworkError('down'));
    await engine.sync();
    await createOutboxStore(db).applyPull((await server.pull(5, 2)).changes, 6);
    expect(await db.visitors.get(ids[1]!)).toMatchObject({ syncState: 'pending', data: { notes: 'from bob', company: 'Mine' } });

    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.records.get(ids[1]!)?.data).toMatchObject({ notes: 'from bob', company: 'Mine' });
    expect(await db.visitors.get(ids[1]!)).toMatchObject({ syncState: 'synced', data: { notes: 'from bob', company: 'Mine' } });
  });

  it('asks for twice as many changes each page, up to the maximum, and writes every page in order', async () => {
    const ids = Array.from({ length: 20 }, () => uuidv7());
    ids.forEach((id, i) => server.seed(id, visitorData({ name: `S${i}` })));
    engine = makeEngine({ pullLimit: 2, maxPullLimit: 6 });
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.pulls).toEqual([
      { since: 0, limit: 2 },
      { since: 2, limit: 4 },
      { since: 6, limit: 6 },
      { since: 12, limit: 6 },
      { since: 18, limit: 6 },
    ]);
    expect(await db.visitors.count()).toBe(20);
    expect(await getMeta(db, 'cursor')).toBe(20);
  });

  it('a failed page leaves the cursor after the last page written, and the next sync goes on from there', async () => {
    const ids = Array.from({ length: 6 }, () => uuidv7());
    ids.forEach((id, i) => server.seed(id, visitorData({ name: `S${i}` })));
    engine = makeEngine({ pullLimit: 2, maxPullLimit: 2 });
    const pull = server.pull.bind(server);
    let calls = 0;
    server.pull = async (since, limit) => {
      if (++calls === 2) throw new NetworkError('down');
      return pull(since, limit);
    };
    expect(await engine.sync()).toMatchObject({ ok: false });
    expect(await getMeta(db, 'cursor')).toBe(2);
    expect(await db.visitors.count()).toBe(2);
    expect(await engine.sync()).toEqual({ ok: true });
    // (the failed request never reached the server) the second sync starts from 2
    expect(server.pulls.map((p) => p.since)).toEqual([0, 2, 4]);
    expect(await db.visitors.count()).toBe(6);
  });

  it('a concurrent edit of the same field becomes a conflict the person sees', async () => {
    const id = uuidv7();
    server.seed(id, visitorData({ company: 'Base' }));
    await engine.sync();
    server.edit(id, { company: 'Theirs' });
    await visitors.update(id, { company: 'Mine' });
    expect(await engine.sync()).toEqual({ ok: true });
    expect(await db.conflicts.get(id)).toMatchObject({ fields: ['company'], base: { company: 'Base' }, mine: { company: 'Mine' }, theirs: { company: 'Theirs' } });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'conflict', data: { company: 'Mine' } });
    // Edits while in conflict are not queued.
    await visitors.update(id, { company: 'Mine again' });
    expect(await db.outbox.count()).toBe(0);
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
    expect(await db.visitors.get(big)).toMatchObject({ syncState: 'failed', error: { code: 'too-large' } });
  });

  it('reports a push answer that leaves ops out instead of looping', async () => {
    await visitors.create(visitorData());
    server.push = async () => ({ results: [], cursor: 0 });
    const outcome = await engine.sync();
    expect(outcome).toMatchObject({ ok: false, error: { code: 'protocol' } });
    expect(await db.outbox.count()).toBe(1);
  });

  it('an unexpected failure is reported, not thrown', async () => {
    await visitors.create(visitorData());
    server.push = async () => {
      throw new Error('bug');
    };
    expect(await engine.sync()).toMatchObject({ ok: false, error: { code: 'unexpected', message: 'bug' } });
    expect((await getSyncStatus(db)).state).toBe('error');
  });

  it('a publisher that throws does not fail the sync', async () => {
    await visitors.create(visitorData());
    engine = makeEngine({
      publish: () => {
        throw new Error('channel closed');
      },
    });
    expect(await engine.sync()).toEqual({ ok: true });
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
