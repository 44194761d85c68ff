import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import type { VisitorsRepository } from '../data/visitors';
import { outboxCounts } from '../data/queries';
import { AuthError } from '../core/errors';
import type { MemorySyncServer } from './testing/memoryServer';
import { ADA, BO, freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { visitorData } from '../core/testing/visitorData';

let db: OutpostDb, server: MemorySyncServer, visitors: VisitorsRepository;
let makeEngine: EngineWorld['makeEngine'], signIn: EngineWorld['signIn'];
beforeEach(() => ({ db, server, visitors, makeEngine, signIn } = freshEngineWorld()));
afterEach(() => db.close());

const byOf = (id: string) => server.records.get(id)?.updatedBy;

describe('sync engine: a device shared by several people', () => {
  it('sends only the signed-in person’s changes; another’s wait, then go under their own session', async () => {
    await signIn(ADA);
    const adas = [];
    for (let i = 0; i < 3; i++) adas.push(await visitors.create(visitorData({ name: `Ada ${i}` })));
    await signIn(BO); // Ada signed out offline; her changes stay on the device
    const bos = await visitors.create(visitorData({ name: 'Bo' }));
    expect(await makeEngine().sync()).toEqual({ ok: true });

    expect(byOf(bos)).toBe('bo@example.com');
    expect(adas.map(byOf)).toEqual([undefined, undefined, undefined]);
    expect(server.pushes.flatMap((p) => p.ops.map((o) => o.id))).toEqual([bos]);
    expect(await outboxCounts(db, BO.id)).toMatchObject({ pending: 0, waiting: [{ email: 'ada@example.com', count: 3 }] });
    expect((await db.visitors.bulkGet(adas)).map((v) => v?.syncState)).toEqual(['pending', 'pending', 'pending']);

    await signIn(ADA);
    expect(await makeEngine().sync()).toEqual({ ok: true });
    expect(adas.map(byOf)).toEqual(['ada@example.com', 'ada@example.com', 'ada@example.com']);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps two people’s edits of one record apart, and in order: the later waits for the earlier’s author', async () => {
    await signIn(ADA);
    const id = await visitors.create(visitorData({ name: 'Shared', title: 'Ada’s' }));
    await signIn(BO);
    await visitors.update(id, { company: 'Bo’s' });
    expect(await db.outbox.count()).toBe(2);
    expect(await makeEngine().sync()).toEqual({ ok: true });
    expect(server.pushes).toEqual([]);

    await signIn(ADA);
    expect(await makeEngine().sync()).toEqual({ ok: true });
    expect(server.records.get(id)).toMatchObject({ updatedBy: 'ada@example.com', data: { title: 'Ada’s', company: 'Analytical Engines' } });
    await signIn(BO);
    expect(await makeEngine().sync()).toEqual({ ok: true });
    expect(server.records.get(id)).toMatchObject({ updatedBy: 'bo@example.com', data: { title: 'Ada’s', company: 'Bo’s' } });
  });

  it('a batch taken for one person is not sent once another signs in: the drain goes on with the new person’s', async () => {
    await signIn(ADA);
    const adas = [];
    for (let i = 0; i < 4; i++) adas.push(await visitors.create(visitorData({ name: `Ada ${i}` })));
    // While Ada's first batch is on the wire (her next one is already taken), Bo signs in,
    // with his own cookie, and captures a visitor.
    let bos = '';
    server.duringPush = async () => {
      server.duringPush = null;
      // Once the read-ahead has marked Ada's next two ops in flight.
      while ((await getMeta(db, 'inflightThrough')) !== 4) await new Promise((resolve) => setTimeout(resolve, 0));
      await signIn(BO);
      bos = await visitors.create(visitorData({ name: 'Bo' }));
    };
    expect(await makeEngine({ maxOpsPerPush: 2 }).sync()).toEqual({ ok: true });
    // Ada's second batch never left: the drain took again, for Bo.
    expect(server.pushes.map((p) => p.ops.map((o) => o.id))).toEqual([[adas[0], adas[1]], [bos]]);
    expect(Object.fromEntries([...server.records].map(([id, r]) => [id, r.updatedBy]))).toEqual({
      [adas[0]!]: 'ada@example.com',
      [adas[1]!]: 'ada@example.com',
      [bos]: 'bo@example.com',
    });
    expect(await outboxCounts(db, BO.id)).toMatchObject({ waiting: [{ email: 'ada@example.com', count: 2 }] });
  });

  it('after the server refuses a session, that person’s changes wait until someone signs in', async () => {
    await signIn(ADA);
    const ada = await visitors.create(visitorData({ name: 'Ada' }));
    server.failNext('push', new AuthError(401));
    expect((await makeEngine().sync()).ok).toBe(false);
    expect(await getMeta(db, 'sessionRefused')).toBe(ADA.id);

    // Bo signs in; the browser holds his cookie before the app has stored his session.
    server.user = { userId: BO.id, email: BO.email };
    expect(await makeEngine().sync({ force: true })).toEqual({ ok: true });
    expect(byOf(ada)).toBeUndefined();

    await signIn(ADA);
    expect(await makeEngine().sync({ force: true })).toEqual({ ok: true });
    expect(byOf(ada)).toBe('ada@example.com');
  });
});
