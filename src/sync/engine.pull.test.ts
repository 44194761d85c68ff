import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import { createDexieStore } from '../db/dexieStore';
import type { VisitorsRepository } from '../data/visitors';
import type { SyncEngine } from './engine';
import { NetworkError } from '../core/errors';
import { createOutbox } from './outbox';
import type { MemorySyncServer } from './testing/memoryServer';
import { freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { visitorData } from '../core/testing/visitorData';
import { isCompactChange, type PullResponse } from '../core/protocol';

let db: OutpostDb, server: MemorySyncServer, visitors: VisitorsRepository;
let engine: SyncEngine, makeEngine: EngineWorld['makeEngine'];
beforeEach(() => ({ db, server, visitors, engine, makeEngine } = freshEngineWorld()));
afterEach(() => db.close());

describe('sync engine: pulling and conflicts', () => {
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
    await createOutbox(createDexieStore(db)).applyPull((await server.pull(5, 2)).changes, 6);
    expect(await db.visitors.get(ids[1]!)).toMatchObject({ syncState: 'pending', data: { notes: 'from bob', company: 'Mine' } });

    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.records.get(ids[1]!)?.data).toMatchObject({ notes: 'from bob', company: 'Mine' });
    expect(await db.visitors.get(ids[1]!)).toMatchObject({ syncState: 'synced', data: { notes: 'from bob', company: 'Mine' } });
  });

  it('asks for compact changes only from the cursor of a finished pull, never from a page within one', async () => {
    const ids = Array.from({ length: 4 }, () => uuidv7());
    ids.forEach((id, i) => server.seed(id, visitorData({ name: `S${i}`, notes: 'long notes '.repeat(20) })));
    // S0 was created at rev 1 and changed at rev 5: the first page (revs 2, 3) cannot hold it, so a
    // compact change from that page's cursor would build on a version this device never had.
    server.edit(ids[0]!, { title: 'CTO' });
    const answered: PullResponse[] = [];
    const pull = server.pull.bind(server);
    server.pull = async (since, limit) => {
      const page = await pull(since, limit);
      answered.push(page);
      return page;
    };
    engine = makeEngine({ pullLimit: 2, maxPullLimit: 2 });
    expect(await engine.sync()).toEqual({ ok: true });
    expect(answered.flatMap((p) => p.changes).some(isCompactChange)).toBe(false);
    expect(await db.visitors.get(ids[0]!)).toMatchObject({ data: { name: 'S0', title: 'CTO' } });

    server.edit(ids[0]!, { rating: 1 });
    expect(await engine.sync()).toEqual({ ok: true });
    const [last] = answered.at(-1)!.changes;
    expect(last && isCompactChange(last) ? last.patch : null).toEqual({ rating: 1 });
    expect((await db.visitors.get(ids[0]!))?.data).toEqual(server.records.get(ids[0]!)?.data);
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
});
