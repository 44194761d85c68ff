/**
 * SQLite's automatic WAL checkpoint runs inside whichever commit crosses the threshold, and it
 * syncs the database file: measured here, a third of a 500-op push went to it, and more as the
 * file grew. So the server checkpoints when writes pause instead, and keeps SQLite's automatic
 * checkpoint only as a cap on the WAL's size for a server that never pauses.
 */

/** Pages of WAL (4 KiB each) after which SQLite checkpoints inside a commit regardless. */
export const WAL_CAP_PAGES = 16_384;
/** A checkpoint runs once no write has committed for this long. */
export const CHECKPOINT_IDLE_MS = 1_000;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface IdleCheckpoint {
  /** Call after each write commits: (re)starts the idle wait. */
  wrote(): void;
  /** Cancels a pending checkpoint (before the connection closes). */
  stop(): void;
}

export function createIdleCheckpoint(checkpoint: () => void, idleMs = CHECKPOINT_IDLE_MS, timers: Timers = realTimers): IdleCheckpoint {
  let handle: unknown = null;
  let stopped = false;
  return {
    wrote() {
      if (stopped) return;
      if (handle !== null) timers.clear(handle);
      handle = timers.set(() => {
        handle = null;
        checkpoint();
      }, idleMs);
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      handle = null;
    },
  };
}
