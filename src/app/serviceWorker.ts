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
  /** Asks the server for a new version now (the server said this one is too old). */
  checkForUpdate(): void;
}

/** How often an open app asks whether a new version was deployed. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * The browser looks for a new sw.js only now and then (registering the same script again does
 * not), and the app may stay open for a whole event: so it asks at start, every hour, when the
 * connection returns and when the person comes back to it.
 */
function watchForUpdates(update: () => Promise<unknown>): void {
  const check = () => {
    if (navigator.onLine) update().catch(() => {});
  };
  check();
  window.setInterval(check, UPDATE_CHECK_MS);
  window.addEventListener('online', check);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
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
    workbox
      .register()
      .then(() => watchForUpdates(() => workbox.update()))
      .catch((error: unknown) => console.warn('Service worker registration failed', error));
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
    checkForUpdate() {
      workbox?.update().catch(() => {});
    },
  };
}
