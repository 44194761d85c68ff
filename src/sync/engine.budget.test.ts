import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDb } from '../db/schema';
import type { VisitorsRepository } from '../data/visitors';
import { getSyncStatus } from '../data/queries';
import { ServerError } from '../core/errors';
import type { SyncBroadcast } from '../core/client/status';
import type { MemorySyncServer } from './testing/memoryServer';
import { NOW, freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { visitorData } from '../core/testing/visitorData';

let db: OutpostDb, server: MemorySyncServer, visitors: VisitorsRepository, messages: SyncBroadcast[];
let makeEngine: EngineWorld['makeEngine'];
beforeEach(() => ({ db, server, visitors, messages, makeEngine } = freshEngineWorld()));
afterEach(() => db.close());

const namesOf = (ops: readonly { kind: string; data?: { name: string }; patch?: object }[]) =>
  ops.map((o) => (o.kind === 'create' ? o.data!.name : `${o.kind}`));

describe('sync engine: the push work budget', () => {
  it('sends the ops past the budget again at once, until all are applied: never a failed change', async () => {
    for (let i = 0; i < 5; i++) await visitors.create(visitorData({ name: `V${i}` }));
    server.budgetOps = 2;
    expect(await makeEngine().sync()).toEqual({ ok: true });
    expect(server.pushes.map((p) => namesOf(p.ops))).toEqual([
      ['V0', 'V1', 'V2', 'V3', 'V4'],
      ['V2', 'V3', 'V4'],
      ['V4'],
    ]);
    expect(server.records.size).toBe(5);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.visitors.toArray()).every((v) => v.syncState === 'synced')).toBe(true);
    expect(await getSyncStatus(db)).toMatchObject({ state: 'idle', failures: 0, lastError: null });
    // Progress counts the ops the server ran.
    expect(messages.filter((m) => m.type === 'progress').map((m) => m.type === 'progress' && m.done)).toEqual([0, 2, 4, 5]);
  });

  it('with a batch in flight, the ops past the budget go after it, and a record’s ops stay in order', async () => {
    await visitors.create(visitorData({ name: 'A' }));
    const b = await visitors.create(visitorData({ name: 'B' }));
    await visitors.create(visitorData({ name: 'C' }));
    await visitors.create(visitorData({ name: 'D' }));
    server.budgetOps = 1;
    // Made while B's create is on the wire, so it is an op of its own, queued last.
    server.duringPush = async () => {
      server.duringPush = null;
      await visitors.update(b, { title: 'Later' });
    };
    expect(await makeEngine({ maxOpsPerPush: 3 }).sync()).toEqual({ ok: true });
    expect(server.pushes.map((p) => namesOf(p.ops))).toEqual([
      ['A', 'B', 'C'],
      // Taken while the first push was on the wire (leaving out its records).
      ['D'],
      // Nothing more until D's answer; then from the start: B's update only after B's create.
      ['B', 'C', 'update'],
      ['C', 'update'],
      ['update'],
    ]);
    expect(server.records.get(b)!.data.title).toBe('Later');
    expect(await db.outbox.count()).toBe(0);
  });

  it('a batch whose every op came back past the budget is a server error with backoff, not a loop', async () => {
    await visitors.create(visitorData({ name: 'A' }));
    await visitors.create(visitorData({ name: 'B' }));
    server.budgetOps = 0; // a server that breaks its promise to run the first op
    const outcome = await makeEngine().sync();
    expect(outcome).toEqual({ ok: false, error: expect.any(ServerError), retryAt: NOW + 500 });
    expect(server.pushes).toHaveLength(1);
    expect(await getSyncStatus(db)).toMatchObject({ state: 'error', failures: 1, nextRetryAt: NOW + 500, lastError: { code: 'server' } });
    expect(await db.outbox.toArray()).toMatchObject([{ state: 'pending', attempts: 0 }, { state: 'pending', attempts: 0 }]);
    expect((await db.visitors.toArray()).map((v) => v.syncState)).toEqual(['pending', 'pending']);

    server.budgetOps = null;
    expect(await makeEngine().sync()).toEqual({ ok: true });
    expect(server.records.size).toBe(2);
  });
});
