import type { LocalStore } from '../core/client/localStore';
import type { Publish } from '../core/client/status';
import { createVisitorsRepository, type VisitorsRepository } from '../data/visitors';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import type { LockFn } from '../sync/locks';
import type { Transport } from '../sync/transport';
import { createPageSync, type PageSync, type PageSyncDeps } from './pageSync';

export interface LocalSyncDeps extends Omit<PageSyncDeps, 'sync'> {
  store: LocalStore;
  transport: Transport;
  lock: LockFn;
  publish?: Publish;
  random?: () => number;
  /** Told after every committed write that queued a change, besides the sync schedule. */
  onQueued?: () => void;
}

export interface LocalSync {
  engine: SyncEngine;
  pageSync: PageSync;
  visitors: VisitorsRepository;
}

/**
 * The page's sync wiring: the engine over the local store, the page's sync schedule, and the
 * repository, which tells the schedule after every committed write that queued a change, so a
 * write by any path (the form, the conflict dialog, a bulk import, the QA hook) drains at once.
 */
export function createLocalSync({ store, transport, lock, publish, random, onQueued, ...schedule }: LocalSyncDeps): LocalSync {
  const engine = createSyncEngine({ store, transport, lock, now: schedule.now, ...(publish ? { publish } : {}), ...(random ? { random } : {}) });
  const pageSync = createPageSync({ ...schedule, sync: (opts) => engine.sync(opts) });
  const visitors = createVisitorsRepository(store, {
    onQueued: () => {
      pageSync.requestSync();
      onQueued?.();
    },
  });
  return { engine, pageSync, visitors };
}
