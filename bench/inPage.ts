/**
 * Functions the bench runs inside the browser page (`page.evaluate`). They are serialised, so
 * each is self-contained: no imports, no helpers from outside its own body.
 */
import type { SyncOp } from '../src/core/protocol';

export interface RequestTiming {
  path: string;
  /** ms after the measurement's t0 */
  start: number;
  responseStart: number;
  end: number;
}

export interface DrainMeasurement {
  /** Trigger → the progress message saying every op is applied (the outbox is then empty). */
  emptyMs: number | null;
  /** Trigger → `syncNow()` resolved (the drain plus the pull that follows it). */
  syncMs: number;
  ok: boolean;
  outboxAfter: number;
  progress: { t: number; done: number; total: number }[];
  requests: RequestTiming[];
}

/** Triggers `outpostQA.syncNow()` and times it; progress comes on the app's BroadcastChannel. */
export async function measureDrain({ channel, n }: { channel: string; n: number }): Promise<DrainMeasurement> {
  const qa = window.outpostQA;
  if (!qa) throw new Error('window.outpostQA is missing: open the app with window.__OUTPOST_QA__ = true (launchProfile does)');
  performance.setResourceTimingBufferSize(100_000);
  performance.clearResourceTimings();
  const progress: { t: number; done: number; total: number }[] = [];
  const bc = new BroadcastChannel(channel);
  let emptyAt: number | null = null;
  let onEmpty: () => void = () => {};
  const emptied = new Promise<void>((resolve) => (onEmpty = resolve));
  bc.onmessage = (event: MessageEvent) => {
    const m = event.data as { type?: string; done?: number; total?: number };
    if (m?.type !== 'progress') return;
    const t = performance.now();
    progress.push({ t, done: m.done ?? 0, total: m.total ?? 0 });
    if ((m.done ?? 0) >= n && emptyAt === null) {
      emptyAt = t;
      onEmpty();
    }
  };
  const t0 = performance.now();
  const sync = qa.syncNow().then((ok) => ({ ok, t: performance.now() }));
  await Promise.race([emptied, sync]);
  const outboxAfter = await qa.outboxSize();
  const done = await sync;
  bc.close();
  const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.name.includes('/api/sync/'))
    .map((e) => ({
      path: new URL(e.name).pathname,
      start: e.startTime - t0,
      responseStart: e.responseStart - t0,
      end: e.responseEnd - t0,
    }));
  return {
    emptyMs: emptyAt === null ? null : (emptyAt as number) - t0,
    syncMs: done.t - t0,
    ok: done.ok,
    outboxAfter,
    progress: progress.map((p) => ({ ...p, t: p.t - t0 })),
    requests,
  };
}

/** What a plain Workbox request queue does: one POST per op, one after another. */
export async function replayOneByOne({ ops, clientId, headers }: { ops: SyncOp[]; clientId: string; headers: Record<string, string> }): Promise<number> {
  const t0 = performance.now();
  for (const op of ops) {
    const res = await fetch('/api/sync/push', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId, ops: [op] }),
    });
    if (!res.ok) throw new Error(`push answered ${res.status}`);
    const body = (await res.json()) as { results: { status: string }[] };
    if (body.results[0]?.status !== 'applied') throw new Error(`op not applied: ${JSON.stringify(body.results[0])}`);
  }
  return performance.now() - t0;
}

/** Network + server floor of the drain: the same ops in sequential 500-op POSTs, no IndexedDB. */
export async function pushInBatches({ ops, clientId, size, headers }: { ops: SyncOp[]; clientId: string; size: number; headers: Record<string, string> }): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < ops.length; i += size) {
    const res = await fetch('/api/sync/push', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId, ops: ops.slice(i, i + size) }),
    });
    if (!res.ok) throw new Error(`push answered ${res.status}`);
    await res.json();
  }
  return performance.now() - t0;
}

/** Network + server floor of the pull: every page fetched and parsed, nothing stored. */
export async function pullEverything({ limit, headers }: { limit: number; headers: Record<string, string> }): Promise<{ ms: number; changes: number }> {
  const t0 = performance.now();
  let since = 0;
  let changes = 0;
  for (;;) {
    const res = await fetch(`/api/sync/pull?since=${since}&limit=${limit}`, { credentials: 'same-origin', cache: 'no-store', headers });
    if (!res.ok) throw new Error(`pull answered ${res.status}`);
    const page = (await res.json()) as { changes: unknown[]; cursor: number; hasMore: boolean };
    changes += page.changes.length;
    since = page.cursor;
    if (!page.hasMore) return { ms: performance.now() - t0, changes };
  }
}

/**
 * IndexedDB floor: `rows` written with raw IndexedDB into a throwaway database shaped like the
 * app's `visitors` store, in one transaction (what one Dexie bulkPut does, without Dexie).
 */
export async function idbBulkPut({ rows, name }: { rows: unknown[]; name: string }): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('visitors', { keyPath: 'id' });
      // The app's visitors store has this one index (src/db/schema.ts).
      store.createIndex('sortName', 'sortName');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('visitors', 'readwrite');
    const store = tx.objectStore('visitors');
    for (const row of rows) store.put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - t0;
  db.close();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  return ms;
}

export interface PullMeasurement {
  /** Navigation start → local visitors count reached n. */
  fromNavigationMs: number;
  /** First `/api/sync/pull` request start → count reached n. */
  fromFirstPullMs: number | null;
  requests: RequestTiming[];
  polls: number;
}

/** On a fresh device: waits (polling Dexie's count every 5 ms) until `n` visitors are stored. */
export async function waitForVisitors({ n }: { n: number }): Promise<PullMeasurement> {
  performance.setResourceTimingBufferSize(100_000);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // The QA hooks load in a chunk of their own after start-up, and only with the QA switch.
  const giveUpAt = performance.now() + 30_000;
  while (!window.outpostQA) {
    if (performance.now() > giveUpAt) throw new Error('window.outpostQA never appeared: open the app with window.__OUTPOST_QA__ = true (launchProfile does)');
    await sleep(5);
  }
  const qa = window.outpostQA;
  let polls = 0;
  for (;;) {
    polls++;
    if ((await qa.visitorCount()) >= n) break;
    await sleep(5);
  }
  const t = performance.now();
  const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.name.includes('/api/'))
    .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, responseStart: e.responseStart, end: e.responseEnd }));
  const firstPull = requests.find((r) => r.path === '/api/sync/pull');
  return { fromNavigationMs: t, fromFirstPullMs: firstPull ? t - firstPull.start : null, requests, polls };
}
