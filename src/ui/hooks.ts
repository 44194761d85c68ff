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
