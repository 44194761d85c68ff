import { useEffect, useRef, useState, useSyncExternalStore, type DependencyList } from 'react';
import { Dexie } from 'dexie';
import { SYNC_CHANNEL } from '../app/syncConstants';
import { createThrottledRefresh, touchesTables } from './throttledRefresh';

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
