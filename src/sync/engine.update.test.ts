import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDb } from '../db/schema';
import type { VisitorsRepository } from '../data/visitors';
import { getSyncStatus } from '../data/queries';
import { classifyResponse } from '../core/errors';
import { messageFor } from '../core/messages';
import type { MemorySyncServer } from './testing/memoryServer';
import { freshEngineWorld, type EngineWorld } from './testing/engineWorld';
import { visitorData } from '../core/testing/visitorData';

let db: OutpostDb, server: MemorySyncServer, visitors: VisitorsRepository;
let makeEngine: EngineWorld['makeEngine'];
beforeEach(() => ({ db, server, visitors, makeEngine } = freshEngineWorld()));
afterEach(() => db.close());

/** What the transport throws for the server's 426. */
const upgradeRequired = () => classifyResponse(426, new Headers(), { body: { error: { code: 'upgrade_required', message: 'update' } } })!;

describe('sync engine: a server that no longer speaks this app’s protocol', () => {
  it('keeps every change queued, says an update is needed, and plans no retry; after the update the changes go', async () => {
    for (const name of ['A', 'B']) await visitors.create(visitorData({ name }));
    server.failNext('push', upgradeRequired());
    const outcome = await makeEngine().sync();
    expect(outcome).toMatchObject({ ok: false, retryAt: null });
    expect(await getSyncStatus(db)).toMatchObject({
      state: 'update-required',
      nextRetryAt: null,
      lastError: { code: 'update_required', message: messageFor('update_required') },
    });
    expect(await db.outbox.count()).toBe(2);
    expect((await db.outbox.toArray()).every((op) => op.state === 'pending' && op.attempts === 0)).toBe(true);
    expect(server.records.size).toBe(0);

    expect(await makeEngine().sync()).toEqual({ ok: true });
    expect(server.records.size).toBe(2);
    expect(await db.outbox.count()).toBe(0);
  });
});
