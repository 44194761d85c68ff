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
});
