import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutpostDb } from '../db/schema';
import { getMeta } from '../db/meta';
import { visitorData } from '../core/testing/visitorData';
import { pullPages } from './pullPages';
import type { Transport } from './transport';
import type { MemorySyncServer } from './testing/memoryServer';
import { freshEngineWorld, type EngineWorld } from './testing/engineWorld';

let db: OutpostDb, server: MemorySyncServer, outbox: EngineWorld['outbox'];
beforeEach(() => ({ db, server, outbox } = freshEngineWorld()));
afterEach(() => db.close());

/**
 * The server as it answers a pull since pages are capped by bytes: fewer changes than asked for,
 * however many that is, with `hasMore` and the cursor at the last change sent.
 */
function byteCapped(changesPerPage: number): Transport & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    push: (request) => server.push(request),
    pull: (since, limit) => {
      asked.push(limit);
      return server.pull(since, Math.min(limit, changesPerPage));
    },
    putAttachment: (hash, bytes, type) => server.putAttachment(hash, bytes, type),
    getAttachment: (hash) => server.getAttachment(hash),
  };
}

describe('pullPages', () => {
  it('follows pages cut short by the server’s byte cap until hasMore is false, missing nothing', async () => {
    const ids = Array.from({ length: 23 }, () => uuidv7());
    ids.forEach((id, i) => server.seed(id, visitorData({ name: `S${i}`, notes: 'n'.repeat(9_000) })));
    const transport = byteCapped(4);

    await pullPages({ outbox, transport, firstLimit: 10, maxLimit: 40 }, 0);

    expect(server.pulls.map((p) => p.since)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(transport.asked).toEqual([10, 20, 40, 40, 40, 40]);
    expect(await getMeta(db, 'cursor')).toBe(23);
    expect((await db.visitors.toArray()).map((v) => v.data.name).sort()).toEqual(ids.map((_, i) => `S${i}`).sort());
  });

  it('goes on with a page of one change at a time', async () => {
    const ids = Array.from({ length: 3 }, () => uuidv7());
    ids.forEach((id) => server.seed(id, visitorData()));
    await pullPages({ outbox, transport: byteCapped(1), firstLimit: 1000, maxLimit: 5000 }, 0);
    expect(server.pulls.map((p) => p.since)).toEqual([0, 1, 2]);
    expect(await getMeta(db, 'cursor')).toBe(3);
  });

  it('tells its progress after each stored page of a pull longer than one page, from the server’s count', async () => {
    Array.from({ length: 10 }, () => uuidv7()).forEach((id) => server.seed(id, visitorData()));
    const progress: [number, number][] = [];
    await pullPages({ outbox, transport: byteCapped(4), firstLimit: 10, maxLimit: 10, onProgress: (done, total) => progress.push([done, total]) }, 0);
    expect(progress).toEqual([[4, 10], [8, 10], [10, 10]]);
    expect(await db.visitors.count()).toBe(10);
  });

  it('tells no progress for a pull of one page, nor when the server does not count what remains', async () => {
    Array.from({ length: 6 }, () => uuidv7()).forEach((id) => server.seed(id, visitorData()));
    const progress: [number, number][] = [];
    const onProgress = (done: number, total: number) => progress.push([done, total]);
    await pullPages({ outbox, transport: byteCapped(10), firstLimit: 10, maxLimit: 10, onProgress }, 0);
    expect(progress).toEqual([]);

    server.seed(uuidv7(), visitorData());
    server.seed(uuidv7(), visitorData());
    const capped = byteCapped(1);
    const uncounted: Transport = { ...capped, pull: async (since, limit) => ({ ...(await capped.pull(since, limit)), remaining: undefined }) };
    await pullPages({ outbox, transport: uncounted, firstLimit: 10, maxLimit: 10, onProgress }, 6);
    expect(progress).toEqual([]);
    expect(await getMeta(db, 'cursor')).toBe(8);
  });
});

