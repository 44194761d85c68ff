import { Workbox } from 'workbox-window';
import { SYNC_TAG } from './syncConstants';

type SyncCapableRegistration = ServiceWorkerRegistration & {
  sync?: { register(tag: string): Promise<void> };
};

export interface ServiceWorkerHandle {
  /** Resolves true when a background sync was registered with an active service worker. */
  requestBackgroundSync(): Promise<boolean>;
  /** Subscribes to "a new version is waiting"; returns an unsubscribe function. */
  onUpdateWaiting(fn: () => void): () => void;
  /** The person accepted the update: activate the waiting worker, then reload. */
  applyUpdate(): void;
}

/**
 * Registers sw.js through workbox-window. A new version waits until the person accepts the
 * "Update available" prompt; updating never touches the outbox (it lives in IndexedDB).
 */
export function registerServiceWorker(url = '/sw.js'): ServiceWorkerHandle {
  const supported = 'serviceWorker' in navigator;
  const workbox = supported ? new Workbox(url) : null;
  const waitingListeners = new Set<() => void>();
  let waiting = false;

  if (workbox) {
    workbox.addEventListener('waiting', () => {
      waiting = true;
      waitingListeners.forEach((fn) => fn());
    });
    workbox.addEventListener('controlling', (event) => {
      if (event.isUpdate) window.location.reload();
    });
    workbox.register().catch((error: unknown) => console.warn('Service worker registration failed', error));
  }

  return {
    async requestBackgroundSync() {
      if (!supported || !navigator.serviceWorker.controller) return false;
      const registration = (await navigator.serviceWorker.ready) as SyncCapableRegistration;
      if (!registration.sync) return false;
      await registration.sync.register(SYNC_TAG);
      return true;
    },
    onUpdateWaiting(fn) {
      waitingListeners.add(fn);
      if (waiting) fn();
      return () => waitingListeners.delete(fn);
    },
    applyUpdate() {
      workbox?.messageSkipWaiting();
    },
  };
}
