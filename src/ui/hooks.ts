import { useEffect, useState, useSyncExternalStore } from 'react';
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

export interface SyncProgress {
  done: number;
  total: number;
}

/**
 * Progress of a running drain (`'progress'`) or of a pull of more than one page
 * (`'pull-progress'`), from whichever context runs it (page or service worker); null when none
 * runs. It ends when done reaches total, or when the sync ends.
 */
function useSyncProgress(type: 'progress' | 'pull-progress'): SyncProgress | null {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      const message = event.data as { type?: string; done?: number; total?: number; status?: { state?: string } };
      if (message.type === type && typeof message.done === 'number' && typeof message.total === 'number') {
        setProgress(message.done >= message.total ? null : { done: message.done, total: message.total });
      } else if (message.type === 'status' && message.status?.state !== 'syncing') {
        setProgress(null);
      }
    };
    return () => channel.close();
  }, [type]);
  return progress;
}

/** Progress of a running drain. */
export const useDrainProgress = () => useSyncProgress('progress');

/** Progress of a long pull (a fresh device downloading the workspace), for "Downloading visitors". */
export const usePullProgress = () => useSyncProgress('pull-progress');
