/** The scheduling behind `throttledRead` (live.ts), without Dexie or real timers. */

/**
 * Whether a Dexie `storagemutated` observability set touches any of `tables` of database
 * `dbName`. Its keys are `idb://<db>/<table>/<index>`; `all` (a page restored from the
 * back-forward cache) touches everything.
 */
export function touchesTables(parts: Record<string, unknown>, dbName: string, tables: readonly string[]): boolean {
  const prefixes = tables.map((t) => `idb://${dbName}/${t}/`);
  return Object.keys(parts).some((key) => key === 'all' || prefixes.some((p) => key.startsWith(p)));
}

export interface ThrottledRefreshOptions<T> {
  run: () => Promise<T>;
  onResult: (value: T) => void;
  onError: (error: unknown) => void;
  intervalMs: number;
  /** The least time from a trigger to its run (default 0): lets more urgent reads go to IndexedDB first. */
  leadMs?: number;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

/**
 * The scheduling of `throttledRead`: `trigger()` asks for a run, no sooner than `leadMs` later;
 * runs start at least `intervalMs` apart and never overlap; a trigger during a run (its answer
 * may be stale already) makes one more run after it. After `dispose()` nothing runs and no
 * answer is delivered.
 */
export function createThrottledRefresh<T>({ run, onResult, onError, intervalMs, leadMs = 0, now, setTimer, clearTimer }: ThrottledRefreshOptions<T>) {
  let timer: unknown = null;
  let running = false;
  let again = false;
  let disposed = false;
  let lastStart = -Infinity;

  const start = async () => {
    timer = null;
    // A timer may fire a little early by `now()` (timers count whole milliseconds): the interval
    // is a promise, so wait out the rest.
    const early = lastStart + intervalMs - now();
    if (early > 0) {
      timer = setTimer(() => void start(), early);
      return;
    }
    running = true;
    again = false;
    lastStart = now();
    try {
      const value = await run();
      if (!disposed) onResult(value);
    } catch (e) {
      if (!disposed) onError(e);
    } finally {
      running = false;
      if (again && !disposed) trigger();
    }
  };

  function trigger() {
    if (disposed) return;
    if (running) {
      again = true;
      return;
    }
    if (timer !== null) return;
    // Always through the timer, even when due now: a trigger comes from inside Dexie's commit
    // handler, and a query must not start in that transaction's zone.
    timer = setTimer(() => void start(), Math.max(leadMs, lastStart + intervalMs - now()));
  }

  return {
    trigger,
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
