import { openDb, type OutpostDb } from '../db/schema';
import { createVisitorsRepository, type VisitorsRepository } from '../data/visitors';
import { createSyncEngine } from '../sync/engine';
import { createHttpTransport } from '../sync/transport';
import { webLocks } from '../sync/locks';
import { createBroadcastPublisher, subscribeSyncMessages } from '../sync/channel';
import { createPageSync, type PageSync } from './pageSync';
import { registerServiceWorker, type ServiceWorkerHandle } from './serviceWorker';
import { SYNC_CHANNEL } from './syncConstants';
import { eventSourceConnector, startLivePokes } from './livePokes';
import { getMeta } from '../db/meta';

/** Everything the UI talks to, wired once at start-up (the composition root). */
export interface Outpost {
  db: OutpostDb;
  visitors: VisitorsRepository;
  pageSync: PageSync;
  /** Pulls whenever the server pokes (teammates' changes); returns a stop function. */
  startLiveUpdates(): () => void;
  serviceWorker: ServiceWorkerHandle;
}

export function createOutpost(): Outpost {
  const db = openDb();
  const serviceWorker = registerServiceWorker();
  const engine = createSyncEngine({
    db,
    transport: createHttpTransport({ fetch: (input, init) => window.fetch(input, init), drainer: 'page' }),
    lock: webLocks(navigator.locks),
    now: () => Date.now(),
    random: Math.random,
    publish: createBroadcastPublisher(SYNC_CHANNEL),
  });
  const pageSync = createPageSync({
    sync: (opts) => engine.sync(opts),
    requestBackgroundSync: () => serviceWorker.requestBackgroundSync(),
    now: () => Date.now(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
    onOnline: (fn) => {
      window.addEventListener('online', fn);
      return () => window.removeEventListener('online', fn);
    },
    onStatus: (fn) =>
      subscribeSyncMessages((message) => {
        if (message.type === 'status') fn(message.status);
      }, SYNC_CHANNEL),
    isVisible: () => document.visibilityState === 'visible',
  });
  const startLiveUpdates = () =>
    startLivePokes({
      connect: eventSourceConnector('/api/sync/events'),
      localCursor: async () => (await getMeta(db, 'cursor')) ?? 0,
      pull: () => void pageSync.syncNow(),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (handle) => window.clearTimeout(handle as number),
    });
  return { db, visitors: createVisitorsRepository(db), pageSync, startLiveUpdates, serviceWorker };
}
