/**
 * Local-write benchmark: one save on a device that holds 10,000 visitors. A persistent
 * Chromium profile on the real server (dist-server/main.js, temp SQLite) behind the e2e fault
 * proxy, online, the visitor list open. Each save is `outpostQA.createVisitor(name)` (the
 * repository's `create`, as the form calls it), timed in the page:
 *   commit   the call → its transaction (the row and its outbox op) committed in IndexedDB
 *   visible  the call → the first DOM mutation after which the list "Visitors" shows the row
 * What it measures is in bench/README.md.
 */
import type { Page } from '@playwright/test';
import { chromiumVersion } from './drain/drain';
import { RUNS, cleanUp, log, round, startBench, type Bench } from './drain/harness';
import { distribution, machine, medianOfRuns, verdict, watchForRow, writeResult, type Distribution } from './liveLatency';

const N = Number(process.env.BENCH_N ?? 10_000);
const SAVES = Number(process.env.BENCH_LOCAL_SAVES ?? 30);
const WARMUP = 2;
/** The pause after each row appears: the save's drain and its refreshes end, as between two captures at a booth. */
const GAP_MS = Number(process.env.BENCH_LOCAL_GAP_MS ?? 600);
const TARGETS = { commitP95: 2, visibleP95: 16 };

interface Save {
  commitMs: number;
  visibleMs: number;
}

async function saveOnce(page: Page, name: string): Promise<Save> {
  const row = await watchForRow(page, name);
  const { startedAt, committedAt } = await page.evaluate(async (name) => {
    const startedAt = performance.timeOrigin + performance.now();
    await window.outpostQA!.createVisitor(name);
    return { startedAt, committedAt: performance.timeOrigin + performance.now() };
  }, name);
  const rowAt = await row.seen();
  return { commitMs: round(committedAt - startedAt), visibleMs: round(rowAt - startedAt) };
}

/** Fills the device with `N` visitors through the QA hook and waits until they are synced, pulled back and listed. */
async function seed(page: Page): Promise<void> {
  await page.evaluate((n) => window.outpostQA!.createVisitors(n, 'Seed'), N);
  await page.waitForFunction(async () => (await window.outpostQA!.outboxSize()) === 0, null, { timeout: 120_000, polling: 200 });
  // The drain pulls every change back afterwards: a sync asked for now runs after that pull.
  if (!(await page.evaluate(() => window.outpostQA!.syncNow()))) throw new Error('the sync after seeding failed');
  await page.getByText(`${N.toLocaleString('en-US')} visitors`).or(page.getByText(`${N} visitors`)).first().waitFor({ timeout: 30_000 });
}

async function oneRun(bench: Bench, run: number): Promise<{ saves: Save[]; chromium: string }> {
  const profile = await bench.profile();
  await bench.signUp(profile.context, 'local-write');
  const page = await bench.openApp(profile.context);
  const chromium = await chromiumVersion(profile.context, page);
  await seed(page);
  const saves: Save[] = [];
  for (let i = 0; i < WARMUP + SAVES; i++) {
    const save = await saveOnce(page, `Local ${run}-${String(i).padStart(3, '0')}`);
    if (i >= WARMUP) saves.push(save);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  await profile.close();
  return { saves, chromium };
}

async function main(): Promise<void> {
  const bench = await startBench();
  const runs: { saves: Save[]; commit: Distribution; visible: Distribution }[] = [];
  let chromium = '';
  for (let run = 1; run <= RUNS; run++) {
    const { saves, chromium: version } = await oneRun(bench, run);
    chromium ||= version;
    const commit = distribution(saves.map((s) => s.commitMs));
    const visible = distribution(saves.map((s) => s.visibleMs));
    runs.push({ saves, commit, visible });
    log(`run ${run}: commit p50 ${commit.p50} / p95 ${commit.p95} ms; visible p50 ${visible.p50} / p95 ${visible.p95} ms`);
  }
  const commit = medianOfRuns(runs.map((r) => r.commit));
  const visible = medianOfRuns(runs.map((r) => r.visible));
  const result = {
    date: new Date().toISOString(),
    machine: machine(chromium),
    n: N,
    saves: SAVES,
    gapMs: GAP_MS,
    targets: TARGETS,
    medianOfRuns: { commit, visible },
    runs,
    notes: [
      `a device holding ${N} synced visitors, online, the list open (newest first); each save is outpostQA.createVisitor (visitors.create, one transaction: the row and its outbox op)`,
      'commit: the call → its promise resolved (the IndexedDB transaction completed); visible: the call → the first DOM mutation after which the list shows the row',
      `${WARMUP} warm-up saves per run are not counted; ${GAP_MS} ms pause after each row appears (its drain runs meanwhile)`,
    ],
  };
  writeResult('localWrite', result);
  console.log(`\nlocal write, ${SAVES} saves × ${RUNS} runs on ${N} visitors (medians of the runs' percentiles)`);
  console.log(`| measurement | p50 ms | p95 ms | target |\n|---|---:|---:|---|`);
  console.log(`| save committed (row + outbox op) | ${commit.p50} | ${commit.p95} | p95 ≤ ${TARGETS.commitP95} (${verdict(commit.p95, TARGETS.commitP95)}) |`);
  console.log(`| save → row in the list of ${N} | ${visible.p50} | ${visible.p95} | p95 ≤ ${TARGETS.visibleP95} (${verdict(visible.p95, TARGETS.visibleP95)}) |`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
