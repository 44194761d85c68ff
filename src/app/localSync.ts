import type { LocalStore } from '../core/client/localStore';
import { createVisitorsRepository, type VisitorsRepository } from '../data/visitors';
import type { SyncEngine } from '../sync/engine';
import { createPageSync, type PageSync, type PageSyncDeps } from './pageSync';

export interface LocalSyncDeps extends Omit<PageSyncDeps, 'sync'> {
  /** The repository's store. */
  store: LocalStore;
  /** Runs the syncs: in the app, the page's sync worker (`workerEngine`); in tests, an engine here. */
  engine: Pick<SyncEngine, 'sync'>;
  /** Told after every committed write that queued a change, besides the sync schedule. */
  onQueued?: () => void;
}

export interface LocalSync {
  pageSync: PageSync;
  visitors: VisitorsRepository;
}

/**
 * The page's sync wiring: the page's sync schedule over the engine, and the repository, which
 * tells the schedule after every committed write that queued a change, so a write by any path
 * (the form, the conflict dialog, a bulk import, the QA hook) drains at once.
 */
export function createLocalSync({ store, engine, onQueued, ...schedule }: LocalSyncDeps): LocalSync {
  const pageSync = createPageSync({ ...schedule, sync: (opts) => engine.sync(opts) });
  const visitors = createVisitorsRepository(store, {
    onQueued: () => {
      pageSync.requestSync();
      onQueued?.();
    },
  });
  return { pageSync, visitors };
}
