import type { SyncOutcome } from '../sync/engine';

/** How often an open, visible page syncs when nothing else asks it to (teammates' changes). */
export const POLL_INTERVAL_MS = 30_000;

export interface PageSyncDeps {
  /** Runs one sync; it calls `onPull` right before its pull begins (engine.ts). */
  sync: (opts: { force: boolean; onPull: () => void }) => Promise<SyncOutcome>;
  /** Registers a background sync with the service worker; false where that is not possible. */
  requestBackgroundSync: () => Promise<boolean>;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Subscribes to the browser's `online` event; returns an unsubscribe function. */
  onOnline: (fn: () => void) => () => void;
  /**
   * Subscribes to sync status changes made by any context (this page, other tabs, the service
   * worker); `nextRetryAt` is when the failing drain's backoff ends. Returns an unsubscribe.
   */
  onStatus: (fn: (status: { nextRetryAt: number | null }) => void) => () => void;
  isVisible: () => boolean;
}

export interface PageSync {
  start(): () => void;
  /**
   * After a local write: the page drains it now, and asks for a background sync so that the
   * service worker drains it if the page is closed first. (Registering a tag whose earlier sync
   * failed does not fire it again until the browser's own retry, minutes later.)
   */
  requestSync(): void;
  /** The person pressed "Sync now" (or signed in again): run now, whatever the backoff. */
  syncNow(): Promise<SyncOutcome>;
  /**
   * The server has changes this page lacks (a poke): a sync whose pull has not begun yet will
   * bring them, so while one is draining nothing more is asked; otherwise as `syncNow`. (A
   * page's own push pokes it too, mid-sync: that asked for a second sync each time.)
   */
  pullSoon(): Promise<SyncOutcome>;
}

/**
 * The page's own sync schedule. The service worker's background sync may not come back for
 * minutes after a failure (Chromium retries about 5 minutes later), so while the app is open
 * the page retries on its own: at the backoff time of whichever context's drain failed
 * (capped at 30 s), on `online`, at start, and every 30 s while visible.
 */
export function createPageSync(deps: PageSyncDeps): PageSync {
  let timer: unknown = null;
  let running: Promise<SyncOutcome> | null = null;
  /** The run asked for while one was going: it starts when that one ends (one for any number of asks). */
  let queued: Promise<SyncOutcome> | null = null;
  /** Whether the running sync has begun its pull. */
  let pullBegun = false;
  const schedule = (ms: number) => {
    if (timer !== null) deps.clearTimer(timer);
    timer = deps.setTimer(() => {
      timer = null;
      if (deps.isVisible()) void run();
      else schedule(POLL_INTERVAL_MS);
    }, Math.max(0, Math.min(ms, POLL_INTERVAL_MS)));
  };

  const afterOutcome = (outcome: SyncOutcome) => {
    if (outcome.ok) return schedule(POLL_INTERVAL_MS);
    if (outcome.retryAt !== null) return schedule(outcome.retryAt - deps.now());
    // A final error (expired session): nothing to retry until the person acts.
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
  };

  /**
   * Runs a sync now, or, while one runs, once more after it: a caller always gets the outcome
   * of a sync that started after it asked ("Sync now" pressed while a drain started offline is
   * still failing must not report that old failure).
   */
  const run = (): Promise<SyncOutcome> => {
    if (running) {
      queued ??= running.then(() => {
        queued = null;
        return run();
      });
      return queued;
    }
    pullBegun = false;
    running = deps
      .sync({ force: true, onPull: () => (pullBegun = true) })
      .then((outcome) => {
        afterOutcome(outcome);
        return outcome;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    start() {
      const stopOnline = deps.onOnline(() => void run());
      // The service worker's failed drain would otherwise wait for the browser's own retry.
      const stopStatus = deps.onStatus(({ nextRetryAt }) => {
        if (nextRetryAt !== null && !running) schedule(nextRetryAt - deps.now());
      });
      void run();
      return () => {
        stopOnline();
        stopStatus();
        if (timer !== null) deps.clearTimer(timer);
        timer = null;
      };
    },
    requestSync() {
      deps.requestBackgroundSync().catch(() => false);
      void run();
    },
    syncNow: run,
    pullSoon: () => (running && !pullBegun ? running : run()),
  };
}
