/**
 * What the pull bench runs inside the page. Each function is serialised (`addInitScript`,
 * `page.evaluate`), so each is self-contained: no imports, no helpers from outside its body.
 */

/** What the watcher (installed before the app's scripts run) saw. */
export interface PullWatch {
  longTasks: { start: number; duration: number }[];
  /** When the progress bar "Downloading visitors" was first and last seen (ms after navigation start). */
  barFirstSeen: number | null;
  barLastSeen: number | null;
  /** Its highest value and the max beside it. */
  barMaxValue: number;
  barMaxOf: number;
}

declare global {
  interface Window {
    __pullWatch?: PullWatch;
  }
}

/**
 * Installed with `addInitScript`: records every main-thread task over 50 ms (the `longtask`
 * entry type) and, every 20 ms, whether the progress bar is on screen and how far it got.
 */
export function installPullWatch(): void {
  const watch: PullWatch = { longTasks: [], barFirstSeen: null, barLastSeen: null, barMaxValue: 0, barMaxOf: 0 };
  window.__pullWatch = watch;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) watch.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  setInterval(() => {
    // A <progress>: its role is progressbar, its value and max are what aria-valuenow/max expose.
    const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Downloading visitors"]');
    if (!bar) return;
    const t = performance.now();
    watch.barFirstSeen ??= t;
    watch.barLastSeen = t;
    if (bar.value >= watch.barMaxValue) {
      watch.barMaxValue = bar.value;
      watch.barMaxOf = bar.max;
    }
  }, 20);
}

export interface PullRun {
  /** Navigation start → n visitors stored (the pull's last progress message). */
  fromNavigationMs: number;
  /** Navigation start → the sync's end (its status message). */
  syncEndedMs: number;
  /** The first `/api/sync/pull` request's start → n visitors stored. */
  fromFirstPullMs: number | null;
  pullRequests: { start: number; end: number; bytes: number }[];
  watch: PullWatch;
  /** Long tasks that began between the first pull request's start and the end of the pull. */
  longTasksDuringPull: { start: number; duration: number }[];
  /** Whether the progress bar was gone once the pull had finished. */
  barGoneAfter: boolean;
}

/**
 * Waits for the sync that stores n visitors: the app's own "sync ended" broadcast (polling the
 * count would add an IndexedDB read every few ms to what is measured), then the count, then the
 * progress bar gone.
 */
export async function waitForPull({ n, channel }: { n: number; channel: string }): Promise<PullRun> {
  performance.setResourceTimingBufferSize(100_000);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const giveUpAt = performance.now() + 180_000;
  const until = async (done: () => Promise<boolean> | boolean, what: string) => {
    while (!(await done())) {
      if (performance.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
      await sleep(20);
    }
  };
  const ends: number[] = [];
  let allStored: number | null = null;
  const bc = new BroadcastChannel(channel);
  bc.onmessage = (event: MessageEvent) => {
    const m = event.data as { type?: string; done?: number; total?: number; status?: { state?: string } };
    if (m?.type === 'status' && m.status?.state !== 'syncing') ends.push(performance.now());
    if (m?.type === 'pull-progress' && m.done === n && m.total === n) allStored ??= performance.now();
  };
  await until(() => window.outpostQA !== undefined, 'window.outpostQA (open the app with window.__OUTPOST_QA__ = true)');
  const qa = window.outpostQA!;
  let stored: number | null = null;
  let syncEnded: number | null = null;
  await until(async () => {
    if (!ends.length) return false;
    const end = ends.shift()!;
    if ((await qa.visitorCount()) < n) return false;
    // The last page's progress message says when the rows landed; the sync ends a little later.
    stored = allStored ?? end;
    syncEnded = end;
    return true;
  }, `a sync that stores ${n} visitors`);
  bc.close();
  const bar = () => document.querySelector('progress[aria-label="Downloading visitors"]');
  let barGoneAfter = true;
  try {
    await until(() => bar() === null, 'the progress bar to go');
  } catch {
    barGoneAfter = false;
  }
  // The pull requests are the sync worker's, not the page's: the caller fills in what needs them (withPullRequests).
  return { fromNavigationMs: stored!, syncEndedMs: syncEnded!, fromFirstPullMs: null, pullRequests: [], watch: window.__pullWatch!, longTasksDuringPull: [], barGoneAfter };
}

/**
 * The IndexedDB floor: the rows the app stored, read back, then put with raw IndexedDB in one
 * transaction into a throwaway store shaped exactly like the app's `visitors` (same key path,
 * same indexes, multi-entry and all); also into a store with only the `sortName` index, the
 * shape bench/run.ts's floor uses.
 */
export async function idbFloors({ name }: { name: string }): Promise<{ appShapeMs: number; oneIndexMs: number; rows: number; indexes: string[] }> {
  const done = <T>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));
  const opened = (req: IDBOpenDBRequest) => done(req);
  const app = await opened(indexedDB.open('outpost'));
  const source = app.transaction('visitors', 'readonly').objectStore('visitors');
  const indexes = [...source.indexNames].map((n) => source.index(n)).map((i) => ({ name: i.name, keyPath: i.keyPath, multiEntry: i.multiEntry, unique: i.unique }));
  const keyPath = source.keyPath;
  const rows = await done(source.getAll());
  app.close();

  async function putAll(db: string, shape: typeof indexes): Promise<number> {
    const req = indexedDB.open(db, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('visitors', { keyPath });
      for (const i of shape) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique });
    };
    const target = await opened(req);
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = target.transaction('visitors', 'readwrite');
      const store = tx.objectStore('visitors');
      for (const row of rows) store.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const ms = performance.now() - t0;
    target.close();
    await new Promise<void>((resolve) => {
      const del = indexedDB.deleteDatabase(db);
      del.onsuccess = del.onerror = del.onblocked = () => resolve();
    });
    return ms;
  }
  const appShapeMs = await putAll(`${name}-app`, indexes);
  const oneIndexMs = await putAll(`${name}-one`, indexes.filter((i) => i.name === 'sortName'));
  return { appShapeMs, oneIndexMs, rows: rows.length, indexes: indexes.map((i) => i.name) };
}

/** `run` with what its sync worker's pull requests (on the page's clock) tell: the first pull's start, and the long tasks after it. */
export function withPullRequests(run: PullRun, pulls: readonly { start: number; end: number; bytes: number }[]): PullRun {
  const first = pulls[0];
  return {
    ...run,
    fromFirstPullMs: first ? run.fromNavigationMs - first.start : null,
    pullRequests: pulls.map(({ start, end, bytes }) => ({ start, end, bytes })),
    longTasksDuringPull: first ? run.watch.longTasks.filter((t) => t.start >= first.start && t.start <= run.fromNavigationMs) : [],
  };
}
