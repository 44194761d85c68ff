/**
 * Fresh-device pull benchmark (`npm run bench:pull`; what it measures is in bench/README.md).
 *
 * One real server (dist-server/main.js on a temp SQLite file) behind the e2e fault proxy, seeded
 * through the push API with BENCH_N (10,000) visitors in one workspace and BENCH_PULL_N (50,000)
 * in another. Per run and size: a fresh persistent Chromium profile signed in by API, then
 * navigation → every visitor stored, with the page's long tasks, the progress bar and the JS
 * heap watched; then the IndexedDB floor on the very rows the app stored.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { N, RESULTS_DIR, RUNS, log, median, round, runBench, startBench, type Bench } from './drain/harness';
import { idbFloors, installPullWatch, waitForPull, withPullRequests } from './pull/inPage';
import { syncRequestsOnPageClock } from './syncWorker';
import { seedVisitors, signUpByApi } from '../e2e/support/seedVisitors';
import type { Person } from '../e2e/support/serverApi';
import { SYNC_CHANNEL } from '../src/app/syncConstants';

const BIG_N = Number(process.env.BENCH_PULL_N ?? 50_000);
const TARGETS = { floorRatio: 1.2, longestTaskMs: 200, heapMb: 200 };
const MB = 1024 * 1024;
/** BENCH_PROFILE=1: a DevTools CPU profile of each pull, written beside the results. */
const PROFILE = Boolean(process.env.BENCH_PROFILE);

async function startProfile(page: import('@playwright/test').Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async (name: string) => {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `pull-profile-${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  };
}

interface SizeRun {
  fromNavigationMs: number;
  syncEndedMs: number;
  fromFirstPullMs: number | null;
  /** Between the first pull request and the end of the pull (what the target is about). */
  longestTaskMs: number;
  longTasksOver200: number;
  /** From navigation on, the app's start included. */
  longestTaskFromNavigationMs: number;
  peakHeapMb: number;
  barFirstSeenMs: number | null;
  barLastSeenMs: number | null;
  barMax: { value: number; of: number };
  barGoneAfter: boolean;
  pullRequests: { start: number; end: number; bytes: number }[];
  floor: { appShapeMs: number; oneIndexMs: number; indexes: string[] };
}

/** Samples the page's JS heap (DevTools protocol) every 100 ms until stopped; answers the peak. */
async function heapSampler(page: import('@playwright/test').Page) {
  const cdp = await page.context().newCDPSession(page);
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      peak = Math.max(peak, usedSize);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await cdp.detach();
    return peak;
  };
}

async function pullOnce(bench: Bench, person: Person, n: number, label: string): Promise<SizeRun> {
  const fresh = await bench.profile();
  await bench.signIn(fresh.context, person);
  await fresh.context.addInitScript(installPullWatch);
  const page = fresh.context.pages()[0] ?? (await fresh.context.newPage());
  await page.goto('about:blank');
  const stopHeap = await heapSampler(page);
  await page.goto('/', { waitUntil: 'commit' });
  const profiler = PROFILE ? await startProfile(page) : null;
  const run = withPullRequests(await page.evaluate(waitForPull, { n, channel: SYNC_CHANNEL }), await syncRequestsOnPageClock(page, '/api/sync/pull'));
  if (profiler) await profiler(`${label.replace(/\W+/g, '-')}`);
  const peakHeap = await stopHeap();
  const floor = await page.evaluate(idbFloors, { name: `bench-pull-floor-${label}` });
  if (floor.rows !== n) throw new Error(`${label}: the device holds ${floor.rows} visitors, expected ${n}`);
  await fresh.close();
  const longest = Math.max(0, ...run.longTasksDuringPull.map((t) => t.duration));
  const result: SizeRun = {
    fromNavigationMs: round(run.fromNavigationMs),
    syncEndedMs: round(run.syncEndedMs),
    fromFirstPullMs: run.fromFirstPullMs === null ? null : round(run.fromFirstPullMs),
    longestTaskMs: round(longest),
    longTasksOver200: run.longTasksDuringPull.filter((t) => t.duration > TARGETS.longestTaskMs).length,
    longestTaskFromNavigationMs: round(Math.max(0, ...run.watch.longTasks.map((t) => t.duration))),
    peakHeapMb: round(peakHeap / MB),
    barFirstSeenMs: run.watch.barFirstSeen === null ? null : round(run.watch.barFirstSeen),
    barLastSeenMs: run.watch.barLastSeen === null ? null : round(run.watch.barLastSeen),
    barMax: { value: run.watch.barMaxValue, of: run.watch.barMaxOf },
    barGoneAfter: run.barGoneAfter,
    pullRequests: run.pullRequests.map((r) => ({ start: round(r.start), end: round(r.end), bytes: r.bytes })),
    floor: { appShapeMs: round(floor.appShapeMs), oneIndexMs: round(floor.oneIndexMs), indexes: floor.indexes },
  };
  log(
    `${label}: ${result.fromNavigationMs} ms from navigation (${result.fromFirstPullMs} from the first pull), longest task ${result.longestTaskMs} ms, ` +
      `heap ${result.peakHeapMb} MB, bar ${result.barFirstSeenMs}–${result.barLastSeenMs} ms, floor ${result.floor.appShapeMs} ms (one index ${result.floor.oneIndexMs})`,
  );
  return result;
}

function summarise(n: number, runs: SizeRun[]) {
  const med = (pick: (r: SizeRun) => number) => round(median(runs.map(pick)));
  const pull = med((r) => r.fromFirstPullMs ?? NaN);
  const floor = med((r) => r.floor.appShapeMs);
  return {
    n,
    medians: {
      fromNavigationMs: med((r) => r.fromNavigationMs),
      fromFirstPullMs: pull,
      floorAppShapeMs: floor,
      floorOneIndexMs: med((r) => r.floor.oneIndexMs),
      ratioToFloor: round((pull / floor) * 100) / 100,
      ratioToOneIndexFloor: round((pull / med((r) => r.floor.oneIndexMs)) * 100) / 100,
      longestTaskMs: med((r) => r.longestTaskMs),
      peakHeapMb: med((r) => r.peakHeapMb),
    },
    worst: { longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)), peakHeapMb: Math.max(...runs.map((r) => r.peakHeapMb)) },
    runs,
  };
}

async function main(): Promise<void> {
  const bench = await startBench();
  const sizes = [N, BIG_N];
  const people = new Map<number, Person>();
  for (const n of sizes) {
    const t0 = performance.now();
    const person = { email: `bench-pull-${n}-${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery' };
    await signUpByApi(bench.server.url, { ...person, workspaceName: `Bench pull ${n}` });
    await seedVisitors(bench.server.url, person, n);
    people.set(n, person);
    log(`seeded ${n} visitors in ${round(performance.now() - t0)} ms`);
  }
  const results = new Map<number, SizeRun[]>(sizes.map((n) => [n, []]));
  for (let run = 1; run <= RUNS; run++) {
    for (const n of sizes) results.get(n)!.push(await pullOnce(bench, people.get(n)!, n, `run ${run}, ${n}`));
  }
  const [small, big] = sizes.map((n) => summarise(n, results.get(n)!));
  const cpu = cpus();
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? '', node: process.version },
    runsPerSize: RUNS,
    targets: TARGETS,
    pull10k: small,
    pull50k: big,
    met: {
      floorRatio: small!.medians.ratioToFloor <= TARGETS.floorRatio,
      longestTask: big!.worst.longestTaskMs <= TARGETS.longestTaskMs,
      heap: big!.worst.peakHeapMb < TARGETS.heapMb,
      progressBar: big!.runs.every((r) => r.barFirstSeenMs !== null && r.barGoneAfter),
    },
    notes: [
      'fromFirstPullMs: the first /api/sync/pull request start → the pull progress message saying n of n stored (the count is checked at the sync end); fromNavigationMs adds the app start; syncEndedMs: navigation → the sync status message after it',
      'floorAppShapeMs: the rows the app stored, read back and put with raw IndexedDB in one transaction into a store with the app visitors store key path and indexes; floorOneIndexMs: the same into a store with only sortName (bench/run.ts floor shape)',
      'ratioToFloor = fromFirstPullMs / floorAppShapeMs (medians)',
      'longest task: PerformanceObserver longtask entries in the page that began between the first pull request and the end of the pull (longestTaskFromNavigationMs: from navigation on, the app start included); heap: DevTools Runtime.getHeapUsage usedSize of the page, sampled every 100 ms',
    ],
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const dated = join(RESULTS_DIR, `pull-${report.date.replace(/:/g, '-')}.json`);
  writeFileSync(dated, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(RESULTS_DIR, 'latest-pull.json'), JSON.stringify(report, null, 2) + '\n');
  console.table({ '10k': small!.medians, '50k': big!.medians });
  console.log(`met: ${JSON.stringify(report.met)}; written to ${relative(process.cwd(), dated)}`);
}

runBench(main);
