import { useEffect, useRef, useState, useSyncExternalStore, type DependencyList } from 'react';
import { Dexie } from 'dexie';
import { SYNC_CHANNEL } from '../app/syncConstants';

function subscribeOnline(fn: () => void) {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
}

export function useBrowserOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

export interface DrainProgress {
  done: number;
  total: number;
}

/** Progress of a running drain, from whichever context runs it (page or service worker). */
export function useDrainProgress(): DrainProgress | null {
  const [progress, setProgress] = useState<DrainProgress | null>(null);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      const message = event.data as { type?: string; done?: number; total?: number; status?: { state?: string } };
      if (message.type === 'progress' && typeof message.done === 'number' && typeof message.total === 'number') {
        setProgress(message.done >= message.total ? null : { done: message.done, total: message.total });
      } else if (message.type === 'status' && message.status?.state !== 'syncing') {
        setProgress(null);
      }
    };
    return () => channel.close();
  }, []);
  return progress;
}

/** Milliseconds between two runs of a throttled live query (see `useThrottledLiveQuery`). */
export const LIVE_QUERY_INTERVAL_MS = 250;

/**
 * A live query over whole tables, re-run at most once per `intervalMs`: `useLiveQuery` for
 * counts and lists over tables a sync writes in bulk. A drain or a pull commits every few tens
 * of milliseconds, and each commit re-ran every such query at once (an O(n) count each time),
 * competing with the sync for IndexedDB; nobody reads a count that changes 20 times a second.
 * It re-runs after any commit to `tables` — in this page, another tab or the service worker
 * (Dexie's `storagemutated` event, which `liveQuery` itself listens to) — at once if it has
 * not run for `intervalMs`, else when that much time has passed. Until a new `deps` has its
 * first answer, the previous answer stays (as with `useLiveQuery`).
 */
export function useThrottledLiveQuery<T>(
  db: Dexie,
  tables: readonly string[],
  query: () => Promise<T>,
  deps: DependencyList,
  intervalMs = LIVE_QUERY_INTERVAL_MS,
): T | undefined {
  const [answer, setAnswer] = useState<{ value: T } | { error: unknown } | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  const tableKey = tables.join(',');
  useEffect(() => {
    const refresh = createThrottledRefresh({
      run: () => latest.current(),
      onResult: (value) => setAnswer({ value }),
      onError: (error) => setAnswer({ error }),
      intervalMs,
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    const onMutated = (parts: Record<string, unknown>) => {
      if (touchesTables(parts, db.name, tableKey.split(','))) refresh.trigger();
    };
    Dexie.on('storagemutated', onMutated);
    refresh.trigger();
    return () => {
      Dexie.on('storagemutated').unsubscribe(onMutated);
      refresh.dispose();
    };
    // `deps` stands for what `query` reads (as with useLiveQuery); `query` itself is read through a ref.
  }, [db, tableKey, intervalMs, ...deps]);
  if (answer && 'error' in answer) throw answer.error;
  return answer?.value;
}

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
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

/**
 * The scheduling of `useThrottledLiveQuery`, without React or Dexie: `trigger()` asks for a
 * run; runs start at least `intervalMs` apart and never overlap; a trigger during a run (its
 * answer may be stale already) makes one more run after it. After `dispose()` nothing runs and
 * no answer is delivered.
 */
export function createThrottledRefresh<T>({ run, onResult, onError, intervalMs, now, setTimer, clearTimer }: ThrottledRefreshOptions<T>) {
  let timer: unknown = null;
  let running = false;
  let again = false;
  let disposed = false;
  let lastStart = -Infinity;

  const start = async () => {
    timer = null;
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
    timer = setTimer(() => void start(), Math.max(0, lastStart + intervalMs - now()));
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
