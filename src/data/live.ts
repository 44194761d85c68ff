import { Dexie, liveQuery } from 'dexie';
import { createThrottledRefresh, touchesTables } from './throttledRefresh';

/** Receives the answers of a live query: the first soon after subscribing, then one per change. */
export interface LiveObserver<T> {
  next(value: T): void;
  error(error: unknown): void;
}

/**
 * A read that stays current: subscribing runs it, and it runs again (and delivers again) after
 * any committed write that touches what it reads — in this page, another tab or the service
 * worker. The UI subscribes through `useLive` and never sees the database behind it.
 */
export interface Subscribable<T> {
  subscribe(observer: LiveObserver<T>): { unsubscribe(): void };
}

/**
 * A live query that re-runs at once after each write touching the rows it read (Dexie's
 * `liveQuery`): for small reads such as one record or the sync status.
 */
export function liveRead<T>(query: () => Promise<T>): Subscribable<T> {
  return liveQuery(query);
}

/** How often a throttled live query may re-run, and how soon after a commit (see `throttledRead`). */
export interface Pace {
  /** The least time between two runs' starts. */
  intervalMs: number;
  /** The least time from a commit to the run it causes. */
  leadMs: number;
}

/**
 * The visitor list's rows: a few times a second during a sync's bulk writes, at once after a
 * quiet spell (a save shows in the list as soon as the read of one screenful allows).
 */
export const LIST_PACE: Pace = { intervalMs: 250, leadMs: 0 };

/**
 * Reads that walk an index (the duplicate marks, the oldest queued change): Chromium reads an
 * index entry by entry, and IndexedDB runs one request at a time, so such a read ahead of the
 * list's delays the saved row by as much. They start a little after the list's read, and once a
 * second at most while a sync writes.
 */
export const COUNTS_PACE: Pace = { intervalMs: 1_000, leadMs: 25 };

/**
 * A live query over whole tables, re-run at the given `pace`: for counts and lists over tables
 * a sync writes in bulk. A drain or a pull commits every few tens of milliseconds, and each
 * commit re-ran every such query at once (an O(n) count each time), competing with the sync for
 * IndexedDB; nobody reads a count that changes 20 times a second. It re-runs after any commit
 * to `tables` — in this page, another tab or the service worker (Dexie's `storagemutated`
 * event, which `liveQuery` itself listens to) — `pace.leadMs` after it if it has not run for
 * `pace.intervalMs`, else when that much time has passed.
 */
export function throttledRead<T>(
  db: Dexie,
  tables: readonly string[],
  query: () => Promise<T>,
  pace: Pace = LIST_PACE,
): Subscribable<T> {
  return {
    subscribe(observer) {
      const refresh = createThrottledRefresh({
        run: query,
        onResult: (value) => observer.next(value),
        onError: (error) => observer.error(error),
        intervalMs: pace.intervalMs,
        leadMs: pace.leadMs,
        now: () => performance.now(),
        setTimer: (fn, ms) => setTimeout(fn, ms),
        clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      });
      const onMutated = (parts: Record<string, unknown>) => {
        if (touchesTables(parts, db.name, tables)) refresh.trigger();
      };
      Dexie.on('storagemutated', onMutated);
      refresh.trigger();
      return {
        unsubscribe() {
          Dexie.on('storagemutated').unsubscribe(onMutated);
          refresh.dispose();
        },
      };
    },
  };
}
