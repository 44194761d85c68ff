import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import type { VisitorsRepository } from '../data/visitors';
import { ServerError } from '../core/errors';
import type { Transport } from './transport';
import type { MemorySyncServer } from './testing/memoryServer';
import { NOW, freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { visitorData } from '../core/testing/visitorData';

let db: OutpostDb, server: MemorySyncServer, visitors: VisitorsRepository, makeEngine: EngineWorld['makeEngine'];
beforeEach(() => ({ db, server, visitors, makeEngine } = freshEngineWorld()));
afterEach(() => db.close());

/** A clock that moves 10 ms each time it is read. */
function ticking() {
  let t = NOW;
  return () => (t += 10);
}

/** The memory server, with byte counters that grow by the JSON size of each push and pull. */
function countingTransport(): Transport {
  const traffic = { sent: 0, received: 0 };
  return {
    push: async (req) => {
      traffic.sent += JSON.stringify(req).length;
      const answer = await server.push(req);
      traffic.received += JSON.stringify(answer).length;
      return answer;
    },
    pull: async (since, limit) => {
      const page = await server.pull(since, limit);
      traffic.received += JSON.stringify(page).length;
      return page;
    },
    putAttachment: (hash, bytes, type) => server.putAttachment(hash, bytes, type),
    getAttachment: (hash) => server.getAttachment(hash),
    traffic: () => ({ ...traffic }),
  };
}

describe('sync engine: sync stats', () => {
  it('records pushes, pulls, bytes and latencies in meta syncStats', async () => {
    const transport = countingTransport();
    const engine = makeEngine({ transport, now: ticking(), maxOpsPerPush: 2 });
    for (let i = 0; i < 5; i++) await visitors.create(visitorData({ name: `Visitor ${i}` }));
    server.seed(uuidv7(), visitorData({ name: 'From a teammate' }));
    expect(await engine.sync()).toEqual({ ok: true });
    const stats = await getMeta(db, 'syncStats');
    expect(stats).toMatchObject({ opsSent: 5, opsReceived: 6, conflicts: 0, errors: [] });
    expect(stats!.pushLatenciesMs).toHaveLength(3);
    for (const ms of stats!.pushLatenciesMs) expect(ms).toBeGreaterThan(0);
    expect(stats!.lastPushAt).toBeGreaterThan(NOW);
    expect(stats!.lastPullAt).toBeGreaterThan(stats!.lastPushAt!);
    expect({ sent: stats!.bytesSent, received: stats!.bytesReceived }).toEqual(transport.traffic!());
    expect(stats!.bytesSent).toBeGreaterThan(0);
  });

  it('adds up over syncs, counts conflicts, and keeps a failure with its time', async () => {
    const now = ticking();
    const engine = makeEngine({ now });
    const id = uuidv7();
    server.seed(id, visitorData({ company: 'Base' }));
    await engine.sync();
    server.edit(id, { company: 'Theirs' });
    await visitors.update(id, { company: 'Mine' });
    await engine.sync();
    expect(await getMeta(db, 'syncStats')).toMatchObject({ opsSent: 1, conflicts: 1, bytesSent: 0 });

    await visitors.create(visitorData());
    server.failNext('push', new ServerError(500));
    expect((await engine.sync()).ok).toBe(false);
    const stats = await getMeta(db, 'syncStats');
    expect(stats!.errors).toEqual([{ at: expect.any(Number), code: 'server', message: expect.any(String), detail: expect.any(String) }]);
    expect(stats!.errors[0]!.at).toBeGreaterThan(stats!.lastPushAt!);
    // The failed push was not answered: no latency, nothing counted as sent.
    expect(stats).toMatchObject({ opsSent: 1, pushLatenciesMs: [expect.any(Number)] });
  });
});
