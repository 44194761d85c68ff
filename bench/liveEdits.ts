/**
 * Live-edit benchmark: how soon a teammate sees a save. Two persistent Chromium profiles (two
 * devices, two people of one workspace) on the real server (dist-server/main.js, temp SQLite)
 * behind the e2e fault proxy, both online with the app open. Each save is the form's "Save" on
 * A; it is timed to the first DOM mutation after which B's visitor list shows the row, on the
 * page clocks of the two browser processes (both `performance.timeOrigin + performance.now()`).
 * Every save is also split into its legs (A's push, the poke reaching B, B's pull) from the
 * resource timings of the pages' sync workers and a second event stream opened in B. What it measures is in
 * bench/README.md.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { chromiumVersion } from './drain/drain';
import { RUNS, cleanUp, log, round, startBench, type Bench } from './drain/harness';
import { clearSyncRequests, syncRequests } from './syncWorker';
import { distribution, machine, medianOfRuns, percentile, verdict, watchForRow, writeResult, type Distribution } from './liveLatency';

const SAVES = Number(process.env.BENCH_LIVE_SAVES ?? 20);
const WARMUP = 2;
/** The pause after B shows a row before A saves again: both devices settle, as between two real saves. */
const GAP_MS = Number(process.env.BENCH_LIVE_GAP_MS ?? 400);
const TARGETS = { p50: 50, p95: 100 };

interface Save {
  totalMs: number;
  /** Save → A's push request starts. */
  toPushMs: number | null;
  /** A's push request, start to answer end (the server's work included). */
  pushMs: number | null;
  /** Save → the poke reaches B. */
  toPokeMs: number | null;
  /** The poke at B → B's pull request starts. */
  pokeToPullMs: number | null;
  /** B's pull request, start to answer end. */
  pullMs: number | null;
  /** B's pull answer → the row in B's list. */
  pullToRowMs: number | null;
}

/** Opens a second event stream in `page` that notes when each poke arrives (epoch ms). */
async function probePokes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchPokes: number[] };
    w.benchPokes = [];
    new EventSource('/api/sync/events').addEventListener('poke', () => w.benchPokes.push(performance.timeOrigin + performance.now()));
  });
}

/** Epoch start and end of the first request of `page`'s sync worker to `path` that started at or after `after`. */
async function requestAfter(page: Page, path: string, after: number): Promise<{ start: number; end: number } | null> {
  return (await syncRequests(page, path)).find((r) => r.path === path && r.start >= after) ?? null;
}

async function joinTeam(bench: Bench, a: BrowserContext, b: BrowserContext): Promise<void> {
  const owner = await bench.signUp(a, 'live');
  const invite = await a.request.post('/api/workspace/invites');
  if (!invite.ok()) throw new Error(`invite failed: ${invite.status()}`);
  const { code } = (await invite.json()) as { code: string };
  const res = await b.request.post('/api/auth/signup', { data: { email: `b-${owner.email}`, password: owner.password, inviteCode: code } });
  if (!res.ok()) throw new Error(`join failed: ${res.status()} ${await res.text()}`);
}

async function saveOnce(a: Page, b: Page, name: string): Promise<Save> {
  await a.getByRole('button', { name: 'New visitor' }).click();
  const form = a.getByRole('form', { name: 'New visitor' });
  await form.getByLabel('Name').fill(name);
  const row = await watchForRow(b, name);
  const pokesBefore = await b.evaluate(() => (window as unknown as { benchPokes: number[] }).benchPokes.length);
  const saveButton = await form.getByRole('button', { name: 'Save' }).elementHandle();
  const savedAt = await a.evaluate((button) => {
    const at = performance.timeOrigin + performance.now();
    (button as HTMLButtonElement).click();
    return at;
  }, saveButton!);
  const rowAt = await row.seen();
  await form.waitFor({ state: 'detached' });
  const push = await requestAfter(a, '/api/sync/push', savedAt);
  const pokeAt = await b.evaluate((n) => (window as unknown as { benchPokes: number[] }).benchPokes[n] ?? null, pokesBefore);
  const pull = pokeAt === null ? null : await requestAfter(b, '/api/sync/pull', pokeAt);
  const ms = (x: number | null | undefined, from: number | null | undefined) => (x == null || from == null ? null : round(x - from));
  return {
    totalMs: round(rowAt - savedAt),
    toPushMs: ms(push?.start, savedAt),
    pushMs: ms(push?.end, push?.start),
    toPokeMs: ms(pokeAt, savedAt),
    pokeToPullMs: ms(pull?.start, pokeAt),
    pullMs: ms(pull?.end, pull?.start),
    pullToRowMs: ms(rowAt, pull?.end),
  };
}

async function oneRun(bench: Bench, run: number): Promise<{ saves: Save[]; chromium: string }> {
  const [pa, pb] = [await bench.profile(), await bench.profile()];
  await joinTeam(bench, pa.context, pb.context);
  const [a, b] = [await bench.openApp(pa.context), await bench.openApp(pb.context)];
  const chromium = await chromiumVersion(pa.context, a);
  await probePokes(b);
  const saves: Save[] = [];
  for (let i = 0; i < WARMUP + SAVES; i++) {
    const seenBefore = bench.proxy.seen.length;
    const t0 = Date.now();
    const save = await saveOnce(a, b, `Live ${run}-${String(i).padStart(3, '0')}`);
    if (process.env.BENCH_LIVE_TRACE) log(`save ${i}: ${save.totalMs} ms; ${bench.proxy.seen.slice(seenBefore).map((r) => `${r.at - t0} ${r.method} ${r.path.slice(0, 30)} ${r.drainer ?? ''}`).join(' | ')}`);
    if (i >= WARMUP) saves.push(save);
    await clearSyncRequests(a);
    await clearSyncRequests(b);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  await Promise.all([pa.close(), pb.close()]);
  return { saves, chromium };
}

const legs = ['toPushMs', 'pushMs', 'toPokeMs', 'pokeToPullMs', 'pullMs', 'pullToRowMs'] as const;

function legMedians(saves: Save[]) {
  return Object.fromEntries(
    legs.map((leg) => {
      const xs = saves.map((s) => s[leg]).filter((x): x is number => x !== null);
      return [leg, xs.length ? round(percentile(xs, 50)) : null];
    }),
  );
}

async function main(): Promise<void> {
  const bench = await startBench();
  const runs: { saves: Save[]; total: Distribution }[] = [];
  let chromium = '';
  for (let run = 1; run <= RUNS; run++) {
    const { saves, chromium: version } = await oneRun(bench, run);
    chromium ||= version;
    const total = distribution(saves.map((s) => s.totalMs));
    runs.push({ saves, total });
    log(`run ${run}: p50 ${total.p50} ms, p95 ${total.p95} ms, max ${total.max} ms; legs (medians) ${JSON.stringify(legMedians(saves))}`);
  }

  const summary = medianOfRuns(runs.map((r) => r.total));
  const result = {
    date: new Date().toISOString(),
    machine: machine(chromium),
    saves: SAVES,
    gapMs: GAP_MS,
    targets: TARGETS,
    medianOfRuns: summary,
    legsMedian: legMedians(runs.flatMap((r) => r.saves)),
    runs,
    notes: [
      "save → row: A's form Save clicked (in the page) → the first DOM mutation after which B's list \"Visitors\" shows the row; both clocks are performance.timeOrigin + performance.now()",
      `${WARMUP} warm-up saves per run are not counted; ${GAP_MS} ms pause after each row appears`,
      "legs: A's push and B's pull from the resource timings of the pages' sync workers; the poke's arrival at B from a second EventSource opened in B's page",
    ],
  };
  writeResult('liveEdits', result);
  console.log(`\nlive edits, ${SAVES} saves × ${RUNS} runs (medians of the runs' percentiles)`);
  console.log(`| measurement | ms | target |\n|---|---:|---|`);
  console.log(`| save on A → row in B's list, p50 | ${summary.p50} | ≤ ${TARGETS.p50} (${verdict(summary.p50, TARGETS.p50)}) |`);
  console.log(`| save on A → row in B's list, p95 | ${summary.p95} | ≤ ${TARGETS.p95} (${verdict(summary.p95, TARGETS.p95)}) |`);
  for (const [leg, value] of Object.entries(result.legsMedian)) console.log(`| leg ${leg} (median of all saves) | ${value ?? '–'} | |`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
