import type { OutpostDb } from '../db/schema';
import { createBackupService, type BackupService } from './backup';
import { createPersistenceRequest, isPersisted } from './persistentStorage';
import { createDexieStore } from '../db/dexieStore';
import type { VisitorsRepository } from '../data/visitors';
import { createQueries, type Queries } from '../data/liveQueries';
import { createHttpTransport } from '../sync/transport';
import { subscribeSyncBroadcasts } from '../sync/channel';
import { workerEngine } from './syncWorkerProtocol';
import { createLocalSync } from './localSync';
import { createPhotoDownloads, type PhotoDownloads } from './photoDownloads';
import type { PageSync } from './pageSync';
import type { ServiceWorkerHandle } from './serviceWorker';
import { SYNC_CHANNEL } from './syncConstants';
import { eventSourceConnector, startLivePokes } from './livePokes';
import type { SessionService } from './session';

/**
 * Everything the signed-in UI talks to, wired once (the composition root), the first time the
 * shell is asked for it (`src/app/shell.ts`). The UI reads through `queries` and writes through
 * `visitors`; it holds no database handle.
 */
export interface Outpost {
  queries: Queries;
  visitors: VisitorsRepository;
  /** Card photos taken on other devices: downloaded when first shown, then kept here. */
  photos: PhotoDownloads;
  /** Sign-in, sign-out and the session remembered on this device. */
  session: SessionService;
  pageSync: PageSync;
  /** Pulls whenever the server pokes (teammates' changes); returns a stop function. */
  startLiveUpdates(): () => void;
  serviceWorker: ServiceWorkerHandle;
  /** Backups of this device's visitors, and restoring them. */
  backup: BackupService;
  /** Whether the browser promised to keep this site's data (asked for at the first capture). */
  storagePersisted(): Promise<boolean>;
}

/** What the shell already made: the database, the session and the service worker. */
export interface OutpostBase {
  db: OutpostDb;
  session: SessionService;
  serviceWorker: ServiceWorkerHandle;
}

export function createOutpost({ db, session, serviceWorker }: OutpostBase): Outpost {
  const store = createDexieStore(db);
  const queries = createQueries(db);
  // The repository tells the page's sync schedule after every committed write (localSync.ts).
  const transport = createHttpTransport({ fetch: (input, init) => window.fetch(input, init), drainer: 'page' });
  const requestPersistence = createPersistenceRequest(navigator.storage);
  // The engine runs in a worker of the page's own (syncWorker.ts): off the main thread.
  const worker = new Worker(new URL('./syncWorker.ts', import.meta.url), { type: 'module', name: 'outpost-sync' });
  const { pageSync, visitors } = createLocalSync({
    store,
    engine: workerEngine(worker),
    requestBackgroundSync: () => serviceWorker.requestBackgroundSync(),
    now: () => Date.now(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
    onOnline: (fn) => {
      window.addEventListener('online', fn);
      return () => window.removeEventListener('online', fn);
    },
    onStatus: (fn) =>
      subscribeSyncBroadcasts((message) => {
        if (message.type === 'status') fn(message.status);
      }, SYNC_CHANNEL),
    isVisible: () => document.visibilityState === 'visible',
    onQueued: () => void requestPersistence(),
  });
  const startLiveUpdates = () =>
    startLivePokes({
      connect: eventSourceConnector('/api/sync/events'),
      localCursor: () => queries.localCursor(),
      pull: () => void pageSync.pullSoon(),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (handle) => window.clearTimeout(handle as number),
    });
  return {
    queries,
    visitors,
    photos: createPhotoDownloads(store, transport),
    session,
    pageSync,
    startLiveUpdates,
    serviceWorker,
    backup: createBackupService(db, visitors),
    storagePersisted: () => isPersisted(navigator.storage),
  };
}
