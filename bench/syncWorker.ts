/**
 * The requests of a page's sync worker (src/app/syncWorker.ts): the page's pushes and pulls run
 * there, so they are in the worker's resource timings, not the page's.
 */
import type { Page, Worker } from '@playwright/test';

export interface SyncRequest {
  path: string;
  /** Epoch ms (the worker's `performance.timeOrigin` + the entry's times). */
  start: number;
  responseStart: number;
  end: number;
  bytes: number;
}

/** The sync worker of `page`, once the app has started it. */
export async function syncWorkerOf(page: Page): Promise<Worker> {
  const found = () => page.workers().find((w) => /\/syncWorker[-.]/.test(w.url()));
  const deadline = Date.now() + 30_000;
  while (!found()) {
    if (Date.now() > deadline) throw new Error('the page started no sync worker');
    await page.waitForEvent('worker', { timeout: 1_000 }).catch(() => undefined);
  }
  return found()!;
}

/** The sync worker's requests to paths starting with `prefix`, in start order. */
export async function syncRequests(page: Page, prefix: string): Promise<SyncRequest[]> {
  const worker = await syncWorkerOf(page);
  // No named function inside: the worker has no `__name`, which the bench's compiler adds to them.
  const entries = await worker.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
      name: e.name,
      start: performance.timeOrigin + e.startTime,
      responseStart: performance.timeOrigin + e.responseStart,
      end: performance.timeOrigin + e.responseEnd,
      bytes: e.encodedBodySize,
    })),
  );
  return entries
    .map(({ name, ...times }) => ({ path: new URL(name).pathname, ...times }))
    .filter((e) => e.path.startsWith(prefix))
    .sort((a, b) => a.start - b.start);
}

/** Forgets the sync worker's resource timings (its buffer holds 250 entries). */
export async function clearSyncRequests(page: Page): Promise<void> {
  await (await syncWorkerOf(page)).evaluate(() => performance.clearResourceTimings());
}

/** `page`'s `performance.timeOrigin`: to put epoch times on the page's clock. */
export const pageOrigin = (page: Page) => page.evaluate(() => performance.timeOrigin);

/** `syncRequests` on the page's clock (ms since its navigation), as the page's own timings are. */
export async function syncRequestsOnPageClock(page: Page, prefix: string): Promise<SyncRequest[]> {
  const origin = await pageOrigin(page);
  return (await syncRequests(page, prefix)).map((r) => ({ ...r, start: r.start - origin, responseStart: r.responseStart - origin, end: r.end - origin }));
}
