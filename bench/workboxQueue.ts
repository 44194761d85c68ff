/**
 * The drain bench's baseline: what a plain Workbox request queue does, with the real
 * workbox-background-sync `Queue`. Bundled by `bench/run.ts` (esbuild) and put into a page of
 * the app's origin; it exposes `window.outpostBenchWorkbox`.
 *
 * A Queue expects a service worker's `self.registration`; in a page an empty stand-in makes it
 * take its no-Background-Sync path, which changes nothing about how it stores and replays:
 * `replayRequests()` shifts one entry out of IndexedDB, fetches it, and goes on to the next.
 */
import { Queue } from 'workbox-background-sync';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../src/core/protocol/versions';

declare global {
  interface Window {
    outpostBenchWorkbox?: {
      /** Queues one POST /api/sync/push per op (not timed). */
      fill(ops: unknown[], clientId: string, name: string): Promise<void>;
      /** Replays the queue as its sync handler would; milliseconds taken. */
      replay(name: string): Promise<number>;
    };
  }
}

const scope = self as unknown as { registration?: object };
scope.registration ??= {};
const queues = new Map<string, Queue>();
const queueNamed = (name: string) => {
  let queue = queues.get(name);
  // No onSync that does anything: the replay is started (and timed) by the bench.
  if (!queue) queues.set(name, (queue = new Queue(name, { onSync: async () => {} })));
  return queue;
};

window.outpostBenchWorkbox = {
  async fill(ops, clientId, name) {
    const queue = queueNamed(name);
    for (const op of ops) {
      const request = new Request('/api/sync/push', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ clientId, ops: [op] }),
      });
      await queue.pushRequest({ request });
    }
  },
  async replay(name) {
    const t0 = performance.now();
    await queueNamed(name).replayRequests();
    return performance.now() - t0;
  },
};
