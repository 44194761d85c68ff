import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { visitorData } from '../core/testing/visitorData';
import { NetworkError, SyncError } from '../core/errors';
import { createVisitorsRepository } from '../data/visitors';
import { createSyncEngine } from '../sync/engine';
import { inMemoryLock } from '../sync/locks';
import { createMemoryStore } from '../sync/memoryStore';
import { MemorySyncServer } from '../sync/testing/memoryServer';
import { serveSyncRequests, workerEngine, type SyncPort } from './syncWorkerProtocol';

const open: MessagePort[] = [];
afterEach(() => open.splice(0).forEach((port) => port.close()));

/** A page and its worker on the two ends of a real message channel (each message is copied, as between threads). */
function pageAndWorker() {
  const store = createMemoryStore();
  const server = new MemorySyncServer();
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  const asPort = (port: MessagePort) => ({
    postMessage: (message: unknown) => port.postMessage(message),
    addEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => port.on('message', (data) => listener({ data } as MessageEvent)),
  });
  serveSyncRequests(asPort(port2), createSyncEngine({ store, transport: server, lock: inMemoryLock(), now: () => Date.now() }));
  return { store, server, engine: workerEngine(asPort(port1) as SyncPort) };
}

describe('the page’s engine in its sync worker', () => {
  it('runs a sync there, says when its pull begins and answers with its outcome', async () => {
    const { store, server, engine } = pageAndWorker();
    const id = await createVisitorsRepository(store).create(visitorData({ name: 'Ada' }));
    let pulled = 0;
    expect(await engine.sync({ onPull: () => pulled++ })).toEqual({ ok: true });
    expect(server.records.get(id)?.data.name).toBe('Ada');
    expect(pulled).toBe(1);
  });

  it('a failure comes back as a SyncError with its code, message, retryability and retry time', async () => {
    const { store, server, engine } = pageAndWorker();
    await createVisitorsRepository(store).create(visitorData());
    server.failNext('push', new NetworkError('connection reset'));
    const outcome = await engine.sync();
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.error).toBeInstanceOf(SyncError);
    expect(outcome.error).toMatchObject({ code: 'network', message: 'connection reset', retryable: true });
    expect(outcome.retryAt).toEqual(expect.any(Number));
  });

  it('two syncs asked at once each get their own answer', async () => {
    const { engine } = pageAndWorker();
    expect(await Promise.all([engine.sync(), engine.sync({ force: true })])).toEqual([{ ok: true }, { ok: true }]);
  });
});
