/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { Queue } from 'workbox-background-sync';
import { CacheFirst } from 'workbox-strategies';
import type { PrecacheEntry } from 'workbox-precaching';
import { openDb } from '../src/db/schema';
import { createDexieStore } from '../src/db/dexieStore';
import { createSyncEngine } from '../src/sync/engine';
import { createHttpTransport } from '../src/sync/transport';
import { webLocks } from '../src/sync/locks';
import { createBroadcastPublisher } from '../src/sync/channel';
import { isRetryable } from '../src/core/errors';
import { serverAskedToWait } from '../src/core/client/status';
import { getMeta } from '../src/db/meta';
import { SYNC_CHANNEL, SYNC_QUEUE_NAME } from '../src/app/syncConstants';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// App shell: precached, and every navigation falls back to it offline. /api/ is never cached.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));
// Requests to /api/ go to the network without waking this worker (the Static Routing API,
// where the browser has it): it answers none of them, and its fetch event cost every push, pull
// and event stream a few milliseconds more, tens on a busy device.
self.addEventListener('install', (event) => {
  const install = event as ExtendableEvent & { addRoutes?: (rules: object) => Promise<void> };
  const Pattern = (self as { URLPattern?: new (init: { pathname: string }) => object }).URLPattern;
  if (!install.addRoutes || !Pattern) return;
  event.waitUntil(install.addRoutes({ condition: { urlPattern: new Pattern({ pathname: '/api/*' }) }, source: 'network' }).catch(() => {}));
});
// The card reader (~7 MB per device, versioned URLs) is not precached: kept on first use, then read offline.
// The cache name is also in src/app/ocrCache.ts, which drops other versions.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/ocr/'),
  new CacheFirst({ cacheName: 'outpost-ocr' }),
);
// The barcode decoder's wasm (~1 MB, hashed name) is not precached either: kept on first scan.
// Each deploy's file has a new name, so storing one drops the others.
registerRoute(
  ({ url }) => url.origin === self.location.origin && /^\/assets\/zxing_reader-[\w-]+\.wasm$/.test(url.pathname),
  new CacheFirst({
    cacheName: 'outpost-barcode',
    plugins: [
      {
        cacheDidUpdate: async ({ cacheName, request }) => {
          const cache = await caches.open(cacheName);
          for (const old of await cache.keys()) if (old.url !== request.url) await cache.delete(old);
        },
      },
    ],
  }),
);

// This drain sends the browser's cookie, whoever it belongs to, so the engine sends only the ops
// of the person in meta `session`, which the app keeps in step with sign-in and sign-out
// (docs/ARCHITECTURE.md, "Shared devices").
const db = openDb();
const engine = createSyncEngine({
  store: createDexieStore(db),
  transport: createHttpTransport({ fetch: (input, init) => self.fetch(input, init), drainer: 'service-worker' }),
  lock: webLocks(self.navigator.locks),
  now: () => Date.now(),
  random: Math.random,
  publish: createBroadcastPublisher(SYNC_CHANNEL),
});

// The Queue holds no requests of its own: the Dexie outbox is the one source of truth for
// pending work (invariant 2 of docs/ARCHITECTURE.md). Workbox gives us the sync registration and the sync event.
new Queue(SYNC_QUEUE_NAME, {
  onSync: async () => {
    // The server said when to come back (Retry-After, or the backoff after a 5xx): throwing
    // makes the browser wake us again later. An open page retries at that time itself.
    if (serverAskedToWait(await getMeta(db, 'syncStatus'), Date.now())) throw new Error('The server asked to wait before the next sync');
    // A page that wrote the change usually drained it already; then there is nothing to do.
    const outcome = await engine.sync({ force: true, pullWhenIdle: false });
    // Throwing makes the browser schedule another sync event; final errors (401, rejection)
    // would fail the same way again, so they end here and wait for the person.
    if (!outcome.ok && isRetryable(outcome.error)) throw outcome.error;
  },
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// A new version takes over only once the person accepted it (the SKIP_WAITING message); then it
// sends what the old version queued, which opening the database has rewritten in the current
// shape (src/db/schema.ts, version 5), even if no page of the app is open any more.
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim().then(drainWhatWasQueued));
});

async function drainWhatWasQueued(): Promise<void> {
  if ((await db.outbox.count()) === 0) return;
  await engine.sync({ pullWhenIdle: false });
}
