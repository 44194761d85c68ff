import { openDb } from '../db/schema';
import type { Outpost } from './outpost';
import { registerServiceWorker, type ServiceWorkerHandle } from './serviceWorker';
import { createSessionService, type SessionService } from './session';

/**
 * What the sign-in screen needs: who is signed in, and the service worker. Everything else
 * (`Outpost`: the sync engine, the queries, the repository) is a chunk of its own, created once,
 * when the workspace first shows or the QA hooks ask, so the first load over a hall's network
 * stays small (docs/ARCHITECTURE.md, "Serving the app").
 */
export interface OutpostShell {
  session: SessionService;
  serviceWorker: ServiceWorkerHandle;
  /**
   * The rest of the app, the same promise every time. Null only when its chunk could not be
   * fetched: the page was never loaded whole with a connection, so the service worker lacks it.
   */
  outpost(): Promise<Outpost | null>;
}

export function createOutpostShell(): OutpostShell {
  const db = openDb();
  const serviceWorker = registerServiceWorker();
  const session = createSessionService({ db });
  let outpost: Promise<Outpost | null> | undefined;
  return {
    session,
    serviceWorker,
    outpost: () =>
      (outpost ??= import('./outpost').then(
        ({ createOutpost }) => createOutpost({ db, session, serviceWorker }),
        (error: unknown) => {
          console.error('The workspace did not load', error);
          return null;
        },
      )),
  };
}
