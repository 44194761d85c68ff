/**
 * Drain / pull benchmark (DESIGN §8). Run with `npm run bench` (builds first). See bench/README.md.
 *
 * One real server (dist-server/main.js on a temp SQLite file) behind the e2e FaultProxy, and
 * persistent Debian Chromium profiles at the proxy origin. Per repetition:
 *   drain     fresh profile + workspace; N visitors created offline through window.outpostQA;
 *             proxy up; trigger outpostQA.syncNow(); until the outbox is empty (server checked)
 *   baseline  same ops, one POST each, sequentially, from a page, into a fresh workspace
 *   floors    500-op POSTs with no IndexedDB; raw pull of every page; one raw-IndexedDB put of N rows
 *   pull      fresh profile signs in as the drain's user; navigation → N visitors in Dexie
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import { startServer, type RunningServer } from '../e2e/support/server';
import { FaultProxy } from '../e2e/support/faultProxy';
import { launchProfile } from '../e2e/support/browser';
import { waitForServiceWorker } from '../e2e/support/app';
import { serverVisitors } from '../e2e/support/serverApi';
import { qaVisitor } from '../src/app/qaHooks';
import { SYNC_CHANNEL } from '../src/app/syncConstants';
import { MAX_OPS_PER_PUSH, type SyncOp } from '../src/core/protocol';
import {
  idbBulkPut,
  measureDrain,
  pullEverything,
  pushInBatches,
  replayOneByOne,
  waitForVisitors,
  type DrainMeasurement,
  type PullMeasurement,
} from './inPage';

const N = Number(process.env.BENCH_N ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Sequential one-op POSTs are slow; measured on this many and scaled linearly to N. */
const BASELINE_N = Math.min(N, Number(process.env.BENCH_BASELINE_N ?? 2_000));
const TARGETS = { drainMs: 1_500, pullMs: 1_000, ratio: 50 };
const PASSWORD = 'correct horse battery';

interface Account {
  email: string;
  password: string;
}

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    await fn().catch((e: unknown) => console.error('cleanup failed:', e));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;
const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function main() {
  const server = await startServer();
  cleanups.push(() => server.stop());
  const proxy = await FaultProxy.start(server.url);
  cleanups.push(() => proxy.close());
  const origin = proxy.url;
  log(`server ${server.url}, proxy ${origin}, N=${N}, runs=${RUNS}, baseline on ${BASELINE_N} ops`);

  async function profile(): Promise<BrowserContext> {
    const { context, dispose } = await launchProfile(origin);
    let disposed = false;
    const once = async () => {
      if (!disposed) (disposed = true), await dispose();
    };
    cleanups.push(once);
    // tsx compiles with keepNames: functions sent to page.evaluate may call esbuild's __name.
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    if (process.env.BENCH_CONSOLE) context.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    (context as BrowserContext & { dispose?: () => Promise<void> }).dispose = once;
    return context;
  }
  const closeProfile = (c: BrowserContext) => (c as BrowserContext & { dispose: () => Promise<void> }).dispose();

  async function signUp(context: BrowserContext, label: string): Promise<Account> {
    const id = randomUUID().slice(0, 8);
    const account = { email: `bench-${label}-${id}@example.com`, password: PASSWORD };
    const res = await context.request.post(`${origin}/api/auth/signup`, {
      data: { ...account, workspaceName: `Bench ${label} ${id}` },
    });
    if (!res.ok()) throw new Error(`signup failed: ${res.status()} ${await res.text()}`);
    return account;
  }

  async function signIn(context: BrowserContext, account: Account): Promise<void> {
    const res = await context.request.post(`${origin}/api/auth/login`, { data: account });
    if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
  }

  async function openApp(context: BrowserContext): Promise<Page> {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await page.getByRole('button', { name: 'New visitor' }).waitFor({ timeout: 20_000 });
    await waitForServiceWorker(page);
    await page.waitForFunction(() => window.outpostQA !== undefined);
    return page;
  }

  async function serverCount(account: Account): Promise<number> {
    return (await serverVisitors(server.url, account.email, account.password)).length;
  }

  function wireOps(prefix: string, count: number): SyncOp[] {
    const now = new Date();
    return Array.from({ length: count }, (_, i) => ({
      opId: randomUUID(),
      collection: 'visitors' as const,
      id: randomUUID(),
      kind: 'create' as const,
      data: qaVisitor(prefix, i, now),
    }));
  }

  const workboxScript = await bundleWorkboxQueue();

  let chromium = '';
  const drains: (DrainMeasurement & { createMs: number; swPushes: number })[] = [];
  const baselineMeasuredMs: number[] = [];
  const workboxMeasuredMs: number[] = [];
  const pushFloorMs: number[] = [];
  const pullFloorMs: number[] = [];
  const idbFloorMs: number[] = [];
  const pulls: PullMeasurement[] = [];

  for (let run = 1; run <= RUNS; run++) {
    // --- drain ---
    const device = await profile();
    const owner = await signUp(device, `drain${run}`);
    const app = await openApp(device);
    if (!chromium) {
      const cdp = await device.newCDPSession(app);
      chromium = (await cdp.send('Browser.getVersion')).product;
      await cdp.detach();
    }
    proxy.set({ mode: 'down' });
    const createStart = Date.now();
    await app.evaluate(({ n, prefix }) => window.outpostQA!.createVisitors(n, prefix), { n: N, prefix: `Visitor r${run}` });
    const createMs = Date.now() - createStart;
    const queued = await app.evaluate(() => window.outpostQA!.outboxSize());
    if (queued !== N) throw new Error(`expected ${N} queued ops, found ${queued}`);
    log(`run ${run}: ${N} visitors created offline in ${createMs} ms`);

    const seenBefore = proxy.seen.length;
    proxy.up();
    const drain = await app.evaluate(measureDrain, { channel: SYNC_CHANNEL, n: N });
    if (!drain.ok || drain.outboxAfter !== 0) throw new Error(`drain failed: ok=${drain.ok} outbox=${drain.outboxAfter}`);
    const held = await serverCount(owner);
    if (held !== N) throw new Error(`server holds ${held} visitors, expected ${N}`);
    const swPushes = proxy.seen.slice(seenBefore).filter((r) => r.path.startsWith('/api/sync/push') && r.drainer === 'service-worker').length;
    drains.push({ ...drain, createMs, swPushes });
    log(`run ${run}: drain ${round(drain.emptyMs ?? NaN)} ms (syncNow incl. pull-back ${round(drain.syncMs)} ms)`);

    // --- baseline and floors, same profile, fresh workspaces, from a page that is not the app ---
    await app.close();
    const baselineAccount = await signUp(device, `baseline${run}`);
    const plain = await device.newPage();
    await plain.goto('/api/auth/me');
    const ms = await plain.evaluate(replayOneByOne, { ops: wireOps(`Visitor r${run}`, BASELINE_N), clientId: randomUUID() });
    const baselineHeld = await serverCount(baselineAccount);
    if (baselineHeld !== BASELINE_N) throw new Error(`baseline: server holds ${baselineHeld}, expected ${BASELINE_N}`);
    baselineMeasuredMs.push(ms);
    log(`run ${run}: baseline ${BASELINE_N} one-op POSTs in ${round(ms)} ms`);

    const workboxAccount = await signUp(device, `workbox${run}`);
    await plain.addScriptTag({ content: workboxScript });
    const queueName = `bench-${run}`;
    await plain.evaluate(
      ({ ops, clientId, name }) => window.outpostBenchWorkbox!.fill(ops, clientId, name),
      { ops: wireOps(`Visitor r${run}`, BASELINE_N), clientId: randomUUID(), name: queueName },
    );
    const workboxMs = await plain.evaluate((name) => window.outpostBenchWorkbox!.replay(name), queueName);
    const workboxHeld = await serverCount(workboxAccount);
    if (workboxHeld !== BASELINE_N) throw new Error(`workbox baseline: server holds ${workboxHeld}, expected ${BASELINE_N}`);
    workboxMeasuredMs.push(workboxMs);
    log(`run ${run}: Workbox Queue replay of ${BASELINE_N} requests in ${round(workboxMs)} ms`);

    const floorAccount = await signUp(device, `floor${run}`);
    pushFloorMs.push(
      await plain.evaluate(pushInBatches, { ops: wireOps(`Visitor r${run}`, N), clientId: randomUUID(), size: MAX_OPS_PER_PUSH }),
    );
    if ((await serverCount(floorAccount)) !== N) throw new Error('push floor: server count mismatch');
    await signIn(device, owner);
    const pulled = await plain.evaluate(pullEverything, { limit: 1000 });
    if (pulled.changes !== N) throw new Error(`pull floor: ${pulled.changes} changes`);
    pullFloorMs.push(pulled.ms);
    const now = new Date();
    const rows = Array.from({ length: N }, (_, i) => {
      const data = qaVisitor(`Visitor r${run}`, i, now);
      return { id: randomUUID(), data, syncState: 'synced', sortName: data.name.toLowerCase(), serverRev: i + 1, localUpdatedAt: now.getTime() };
    });
    idbFloorMs.push(await plain.evaluate(idbBulkPut, { rows, name: `bench-floor-${run}` }));
    log(`run ${run}: floors push ${round(pushFloorMs.at(-1)!)} ms, pull ${round(pulled.ms)} ms, idb put ${round(idbFloorMs.at(-1)!)} ms`);
    await closeProfile(device);

    // --- fresh-device pull ---
    const fresh = await profile();
    await signIn(fresh, owner);
    const page = fresh.pages()[0] ?? (await fresh.newPage());
    await page.goto('/', { waitUntil: 'commit' });
    const pull = await page.evaluate(waitForVisitors, { n: N });
    pulls.push(pull);
    log(`run ${run}: fresh-device pull ${round(pull.fromNavigationMs)} ms from navigation, ${round(pull.fromFirstPullMs ?? NaN)} ms from first pull request`);
    await closeProfile(fresh);
  }

  // --- report ---
  const drainRuns = drains.map((d) => d.emptyMs ?? d.syncMs);
  const scaleToN = (measured: number[]) => measured.map((ms) => (ms * N) / BASELINE_N);
  const baselineRuns = scaleToN(baselineMeasuredMs);
  const workboxRuns = scaleToN(workboxMeasuredMs);
  const baselineSummary = (kind: string, measured: number[]) => ({
    kind,
    measuredOps: BASELINE_N,
    measuredMs: measured.map(round),
    perOpMs: measured.map((ms) => round((ms / BASELINE_N) * 1000) / 1000),
    runsMs: scaleToN(measured).map(round),
    medianMs: round(median(scaleToN(measured))),
    scaledLinearly: BASELINE_N !== N,
  });
  const pullRuns = pulls.map((p) => p.fromNavigationMs);
  const drainMedian = median(drainRuns);
  const baselineMedian = median(baselineRuns);
  const workboxMedian = median(workboxRuns);
  const pullMedian = median(pullRuns);
  // The baseline is "what a plain Workbox request queue does": the real Queue's replay.
  const ratio = workboxMedian / drainMedian;
  const fetchOnlyRatio = baselineMedian / drainMedian;
  const cpu = cpus();
  const notes: string[] = [];
  if (BASELINE_N !== N)
    notes.push(`baseline measured on ${BASELINE_N} sequential one-op POSTs per run and scaled linearly to ${N} (runsMs are scaled; measuredMs are raw)`);
  notes.push('baseline: the real workbox-background-sync Queue (pushRequest per op, then replayRequests, which reads and deletes one IndexedDB entry and fetches, per request), in a page with an empty self.registration stand-in');
  notes.push('fetchOnlyBaseline: the same one-op POSTs with no IndexedDB at all, a lower bound for any per-request queue');
  notes.push('drain: outpostQA.syncNow() in the app page (visitor list mounted) → progress message done=N (outbox empty); server count checked after');
  notes.push('pull: fresh persistent profile, signed in by API before navigation; timed from navigation start until Dexie visitors.count() = N (polled every 5 ms)');
  notes.push('floors.idbPutMs is raw IndexedDB (one readwrite transaction of N puts), not Dexie bulkPut: the app bundle does not expose Dexie');
  notes.push(`floors.pushMs: the same N ops in sequential ${MAX_OPS_PER_PUSH}-op POSTs without IndexedDB (one POST of everything exceeds the server limits)`);
  if (drains.some((d) => d.swPushes > 0)) notes.push('the service worker also pushed during a drain run (it should be the page alone)');

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? '', node: process.version, chromium },
    n: N,
    drain: {
      runsMs: drainRuns.map(round),
      medianMs: round(drainMedian),
      syncNowIncludingPullBackMs: drains.map((d) => round(d.syncMs)),
      createOfflineMs: drains.map((d) => d.createMs),
      timeline: drains.map((d) => ({
        progress: d.progress.map((p) => ({ t: round(p.t), done: p.done })),
        requests: d.requests.map((r) => ({ path: r.path, start: round(r.start), responseStart: round(r.responseStart), end: round(r.end) })),
      })),
    },
    baseline: baselineSummary('workbox-background-sync Queue: one stored request per op, replayed one after another', workboxMeasuredMs),
    fetchOnlyBaseline: baselineSummary('one POST per op, sequential, from the page, no IndexedDB', baselineMeasuredMs),
    ratio: round(ratio),
    fetchOnlyRatio: round(fetchOnlyRatio),
    pull: {
      runsMs: pullRuns.map(round),
      medianMs: round(pullMedian),
      fromFirstPullRequestMs: pulls.map((p) => (p.fromFirstPullMs === null ? null : round(p.fromFirstPullMs))),
      requests: pulls.map((p) => p.requests.map((r) => ({ path: r.path, start: round(r.start), responseStart: round(r.responseStart), end: round(r.end) }))),
    },
    floors: {
      pushMs: { runsMs: pushFloorMs.map(round), medianMs: round(median(pushFloorMs)) },
      pullMs: { runsMs: pullFloorMs.map(round), medianMs: round(median(pullFloorMs)) },
      idbPutMs: { runsMs: idbFloorMs.map(round), medianMs: round(median(idbFloorMs)) },
    },
    targets: {
      ...TARGETS,
      drainMet: drainMedian <= TARGETS.drainMs,
      pullMet: pullMedian <= TARGETS.pullMs,
      ratioMet: ratio >= TARGETS.ratio,
    },
    notes,
  };

  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(result, null, 2) + '\n';
  writeFileSync(join(dir, `drain-${result.date.replace(/:/g, '-')}.json`), json);
  writeFileSync(join(dir, 'latest-drain.json'), json);

  const row = (name: string, runs: number[], med: number, target: string) =>
    `${name.padEnd(28)} ${runs.map((r) => String(Math.round(r)).padStart(7)).join('')}   ${String(Math.round(med)).padStart(7)}   ${target}`;
  console.log(`\nOutpost drain/pull bench — N=${N}, ${cpu.length} CPUs, Node ${process.version}, Chromium ${chromium}`);
  console.log(`${'measurement (ms)'.padEnd(28)} ${Array.from({ length: RUNS }, (_, i) => `run${i + 1}`.padStart(7)).join('')}   ${'median'.padStart(7)}   target`);
  console.log(row('drain (trigger→outbox empty)', drainRuns, drainMedian, `≤ ${TARGETS.drainMs} ${result.targets.drainMet ? 'met' : 'MISSED'}`));
  const scaled = BASELINE_N !== N ? ' (scaled)' : '';
  console.log(row(`baseline Workbox Queue${scaled}`, workboxRuns, workboxMedian, ''));
  console.log(row(`1 op/POST, no IDB${scaled}`, baselineRuns, baselineMedian, ''));
  console.log(row('fresh-device pull', pullRuns, pullMedian, `≤ ${TARGETS.pullMs} ${result.targets.pullMet ? 'met' : 'MISSED'}`));
  console.log(row('floor: 500-op POSTs, no IDB', pushFloorMs, median(pushFloorMs), ''));
  console.log(row('floor: pull pages, no IDB', pullFloorMs, median(pullFloorMs), ''));
  console.log(row('floor: raw IDB put of N', idbFloorMs, median(idbFloorMs), ''));
  console.log(`ratio Workbox Queue/drain: ${round(ratio)}× (target ≥ ${TARGETS.ratio}× ${result.targets.ratioMet ? 'met' : 'MISSED'}); fetch-only/drain: ${round(fetchOnlyRatio)}×`);
  console.log(`written to bench/results/latest-drain.json`);
}

/** bench/workboxQueue.ts as one classic script for `page.addScriptTag`. */
async function bundleWorkboxQueue(): Promise<string> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, 'workboxQueue.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return out.outputFiles[0]!.text;
}

let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (exiting) return;
    exiting = true;
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
  });
