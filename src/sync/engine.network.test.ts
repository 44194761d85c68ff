import { describe, expect, it } from 'vitest';
import type { PullResponse, PushRequest, PushResponse } from '../core/protocol';
import { visitorData } from '../core/testing/visitorData';
import { createVisitorsRepository } from '../data/visitors';
import { createSyncEngine } from './engine';
import { inMemoryLock } from './locks';
import { createMemoryStore } from './memoryStore';
import { MemorySyncServer } from './testing/memoryServer';
import type { Transport } from './transport';

/** A transport whose answers wait until the test lets them through. */
function gatedTransport(server: MemorySyncServer) {
  const waiting: { kind: 'push' | 'pull'; go: () => void }[] = [];
  const gate = (kind: 'push' | 'pull') => new Promise<void>((go) => waiting.push({ kind, go }));
  const transport: Transport = {
    push: async (req: PushRequest): Promise<PushResponse> => (await gate('push'), server.push(req)),
    pull: async (since: number, limit: number): Promise<PullResponse> => (await gate('pull'), server.pull(since, limit)),
    putAttachment: (hash, bytes, type) => server.putAttachment(hash, bytes, type),
    getAttachment: (hash) => server.getAttachment(hash),
  };
  const next = async () => {
    await expect.poll(() => waiting.length).toBe(1);
    return waiting[0]!.kind;
  };
  return { transport, next, release: () => waiting.splice(0).forEach((w) => w.go()) };
}

// The in-memory store runs one transaction at a time, as IndexedDB does for transactions over
// the same tables: a drain that held a transaction across a request would block these writes.
describe('no transaction is held across the network', () => {
  it('local writes commit while a push and then a pull are on the wire', async () => {
    const store = createMemoryStore();
    const server = new MemorySyncServer();
    const gated = gatedTransport(server);
    const visitors = createVisitorsRepository(store);
    const engine = createSyncEngine({ store, transport: gated.transport, lock: inMemoryLock() });
    const id = await visitors.create(visitorData({ name: 'First' }));

    const sync = engine.sync();
    expect(await gated.next()).toBe('push');
    await visitors.update(id, { company: 'Edited during the push' });
    gated.release();
    expect(await gated.next()).toBe('push'); // the edit, queued behind the answer
    gated.release();
    expect(await gated.next()).toBe('pull');
    const later = await visitors.create(visitorData({ name: 'Created during the pull' }));
    gated.release();
    expect(await sync).toEqual({ ok: true });
    expect(server.records.get(id)?.data.company).toBe('Edited during the push');
    expect(await store.transaction(['outbox'], (tx) => tx.opsOf([later]))).toMatchObject([{ kind: 'create' }]);
  });
});
