/**
 * Drain / pull benchmark. Run with `npm run bench` (builds first); what it measures and why is in
 * bench/README.md.
 *
 * One real server (dist-server/main.js on a temp SQLite file) behind the e2e FaultProxy, and
 * persistent Debian Chromium profiles at the proxy origin, opened with the app's QA switch
 * (`window.__OUTPOST_QA__`, see launchProfile). Per repetition, one job each (bench/drain/):
 *   drain      fresh profile + workspace; N visitors created offline through window.outpostQA;
 *              proxy up; trigger outpostQA.syncNow(); until the outbox is empty (server checked)
 *   baselines  same ops, one POST each, sequentially, from a page, into a fresh workspace; then
 *              the same through the real Workbox Queue
 *   floors     500-op POSTs with no IndexedDB; raw pull of every page; one raw-IndexedDB put of N rows
 *   pull       fresh profile signs in as the drain's user; navigation → N visitors in Dexie
 */
import { baselineJob, bundleWorkboxQueue } from './drain/baselines';
import { drainJob } from './drain/drain';
import { floorJob } from './drain/floors';
import { freshPullJob } from './drain/freshPull';
import { BASELINE_N, N, RUNS, log, runBench, startBench } from './drain/harness';
import { printReport, summarise, writeReport, type RunFigures } from './drain/report';

async function main(): Promise<void> {
  const bench = await startBench();
  log(`server ${bench.server.url}, proxy ${bench.proxy.url}, N=${N}, runs=${RUNS}, baseline on ${BASELINE_N} ops`);
  const workboxScript = await bundleWorkboxQueue();

  let chromium = '';
  const runs: RunFigures[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const { drain, device, owner, chromium: version } = await drainJob(bench, run);
    chromium ||= version;
    const { plain, ...baselines } = await baselineJob(bench, device.context, run, workboxScript);
    const floors = await floorJob(bench, device.context, plain, run, owner);
    await device.close();
    const pull = await freshPullJob(bench, owner, run);
    runs.push({ drain, baselines, floors, pull });
  }

  const result = summarise(runs, chromium);
  const written = writeReport(result);
  printReport(result, runs);
  console.log(`written to ${written}`);
}

runBench(main);
