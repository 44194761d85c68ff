import { describe, expect, it, vi } from 'vitest';
import { visitorData } from '../core/testing/visitorData';
import { inMemoryLock } from '../sync/locks';
import { createMemoryStore } from '../sync/memoryStore';
import { MemorySyncServer } from '../sync/testing/memoryServer';
import { createLocalSync } from './localSync';
import { createSyncEngine } from '../sync/engine';

function wired() {
  const server = new MemorySyncServer();
  const backgroundSyncs: number[] = [];
  const store = createMemoryStore();
  const local = createLocalSync({
    store,
    engine: createSyncEngine({ store, transport: server, lock: inMemoryLock(), now: () => Date.now() }),
    now: () => Date.now(),
    requestBackgroundSync: async () => (backgroundSyncs.push(1), true),
    setTimer: () => 0,
    clearTimer: () => {},
    onOnline: () => () => {},
    onStatus: () => () => {},
    isVisible: () => true,
  });
  return { server, backgroundSyncs, ...local };
}

// Before, only the form asked for a sync after saving: 2,000 visitors written through the QA
// hook while online waited for the 30 s timer.
describe('writes schedule their own sync', () => {
  it('a bulk write through the repository drains at once, with no other call', async () => {
    const { server, visitors, backgroundSyncs } = wired();
    const ids = await visitors.createMany([visitorData({ name: 'A' }), visitorData({ name: 'B' }), visitorData({ name: 'C' })]);
    await vi.waitFor(() => expect([...server.records.keys()].sort()).toEqual([...ids].sort()));
    expect(backgroundSyncs).toHaveLength(1); // the service worker drains it if the page closes first
  });

  it('an edit and a delete are pushed too; a write that changes nothing asks for nothing', async () => {
    const { server, visitors, backgroundSyncs } = wired();
    const id = await visitors.create(visitorData({ company: 'Old' }));
    await vi.waitFor(() => expect(server.records.get(id)?.data.company).toBe('Old'));
    await visitors.update(id, { company: 'New' });
    await vi.waitFor(() => expect(server.records.get(id)?.data.company).toBe('New'));
    await visitors.update(id, { company: 'New' });
    expect(backgroundSyncs).toHaveLength(2);
    await visitors.remove(id);
    await vi.waitFor(() => expect(server.records.get(id)?.deleted).toBe(true));
    expect(backgroundSyncs).toHaveLength(3);
  });
});
