import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import { createDexieStore } from '../db/dexieStore';
import type { VisitorsRepository } from '../data/visitors';
import { getSyncStatus } from '../data/queries';
import type { SyncEngine } from './engine';
import { AuthError, NetworkError, RateLimitedError } from '../core/errors';
import { createOutbox } from './outbox';
import type { MemorySyncServer } from './testing/memoryServer';
import { NOW, freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { visitorData } from '../core/testing/visitorData';

let db: OutpostDb, server: MemorySyncServer, visitors: VisitorsRepository;
let engine: SyncEngine, makeEngine: EngineWorld['makeEngine'];
beforeEach(() => ({ db, server, visitors, engine, makeEngine } = freshEngineWorld()));
afterEach(() => db.close());

describe('sync engine: failures and rejections', () => {
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
    const store = createOutbox(createDexieStore(db));
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
});
