/**
 * The drain job of bench/run.ts alone (`npm run bench:drain`; `BENCH_RUNS` runs, default 3): for
 * comparing two builds one after the other on the same machine and load, without the slow
 * baselines. Run it in each checkout (after `npm run build`) and compare what it prints.
 */
import { drainJob } from './drain/drain';
import { RUNS, cleanUp, log, median, round, startBench } from './drain/harness';

const bench = await startBench();
try {
  const drains: number[] = [];
  const syncs: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const { drain, device } = await drainJob(bench, run);
    drains.push(drain.emptyMs ?? NaN);
    syncs.push(drain.syncMs);
    await device.close();
  }
  log(`${process.cwd()}: drain ${drains.map(round).join(' / ')} ms (median ${round(median(drains))}); syncNow incl. fold and pull-back ${syncs.map(round).join(' / ')} ms`);
} finally {
  await cleanUp();
}
