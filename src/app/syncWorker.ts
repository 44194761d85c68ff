/// <reference lib="webworker" />
import { openDb } from '../db/schema';
import { createDexieStore } from '../db/dexieStore';
import { createSyncEngine } from '../sync/engine';
import { createHttpTransport } from '../sync/transport';
import { webLocks } from '../sync/locks';
import { createBroadcastPublisher } from '../sync/channel';
import { SYNC_CHANNEL } from './syncConstants';
import { serveSyncRequests } from './syncWorkerProtocol';

declare const self: DedicatedWorkerGlobalScope;

/**
 * The page's sync engine, in a worker of its own: its transactions, its JSON and its lock wait
 * on no render of the page (a save's push waited about 20 ms for the page's main thread).
 * Built as the service worker's is, with the page's drainer name.
 */
const engine = createSyncEngine({
  store: createDexieStore(openDb()),
  transport: createHttpTransport({ fetch: (input, init) => self.fetch(input, init), drainer: 'page' }),
  lock: webLocks(self.navigator.locks),
  now: () => Date.now(),
  random: Math.random,
  publish: createBroadcastPublisher(SYNC_CHANNEL),
});

serveSyncRequests(self, engine);
