/** The drain bench's report (bench/run.ts): medians against the targets, as JSON and as a table. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { MAX_OPS_PER_PUSH } from '../../src/core/protocol';
import type { PullMeasurement, RequestTiming } from '../inPage';
import type { Baselines } from './baselines';
import type { DrainRun } from './drain';
import type { Floors } from './floors';
import { BASELINE_N, N, RESULTS_DIR, RUNS, TARGETS, median, round } from './harness';

/** What one repetition measured. */
export interface RunFigures {
  drain: DrainRun;
  baselines: Baselines;
  floors: Floors;
  pull: PullMeasurement;
}

const scaleToN = (measured: number[]) => measured.map((ms) => (ms * N) / BASELINE_N);
const timings = (requests: RequestTiming[]) =>
  requests.map((r) => ({ path: r.path, start: round(r.start), responseStart: round(r.responseStart), end: round(r.end) }));
const spread = (runsMs: number[]) => ({ runsMs: runsMs.map(round), medianMs: round(median(runsMs)) });

function baselineSummary(kind: string, measured: number[]) {
  return {
    kind,
    measuredOps: BASELINE_N,
    measuredMs: measured.map(round),
    perOpMs: measured.map((ms) => round((ms / BASELINE_N) * 1000) / 1000),
    runsMs: scaleToN(measured).map(round),
    medianMs: round(median(scaleToN(measured))),
    scaledLinearly: BASELINE_N !== N,
  };
}

function notes(runs: RunFigures[]): string[] {
  const notes: string[] = [];
  if (BASELINE_N !== N)
    notes.push(`baseline measured on ${BASELINE_N} sequential one-op POSTs per run and scaled linearly to ${N} (runsMs are scaled; measuredMs are raw)`);
  notes.push('baseline: the real workbox-background-sync Queue (pushRequest per op, then replayRequests, which reads and deletes one IndexedDB entry and fetches, per request), in a page with an empty self.registration stand-in');
  notes.push('fetchOnlyBaseline: the same one-op POSTs with no IndexedDB at all, a lower bound for any per-request queue');
  notes.push('drain: outpostQA.syncNow() in the app page (visitor list mounted) → progress message done=N (outbox empty); server count checked after');
  notes.push('pull: fresh persistent profile, signed in by API before navigation; timed from navigation start until Dexie visitors.count() = N (polled every 5 ms)');
  notes.push('floors.idbPutMs is raw IndexedDB (one readwrite transaction of N puts), not Dexie bulkPut: the app bundle does not expose Dexie');
  notes.push(`floors.pushMs: the same N ops in sequential ${MAX_OPS_PER_PUSH}-op POSTs without IndexedDB (one POST of everything exceeds the server limits)`);
  if (runs.some((r) => r.drain.swPushes > 0)) notes.push('the service worker also pushed during a drain run (it should be the page alone)');
  return notes;
}

/** The JSON written to the results folder. */
export function summarise(runs: RunFigures[], chromium: string) {
  const drains = runs.map((r) => r.drain);
  const pulls = runs.map((r) => r.pull);
  const drainRuns = drains.map((d) => d.emptyMs ?? d.syncMs);
  const pullRuns = pulls.map((p) => p.fromNavigationMs);
  const workboxMeasured = runs.map((r) => r.baselines.workboxMs);
  const fetchOnlyMeasured = runs.map((r) => r.baselines.fetchOnlyMs);
  const drainMedian = median(drainRuns);
  const pullMedian = median(pullRuns);
  // The baseline is "what a plain Workbox request queue does": the real Queue's replay.
  const ratio = median(scaleToN(workboxMeasured)) / drainMedian;
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? '', node: process.version, chromium },
    n: N,
    drain: {
      ...spread(drainRuns),
      syncNowIncludingPullBackMs: drains.map((d) => round(d.syncMs)),
      createOfflineMs: drains.map((d) => d.createMs),
      timeline: drains.map((d) => ({ progress: d.progress.map((p) => ({ t: round(p.t), done: p.done })), requests: timings(d.requests) })),
    },
    baseline: baselineSummary('workbox-background-sync Queue: one stored request per op, replayed one after another', workboxMeasured),
    fetchOnlyBaseline: baselineSummary('one POST per op, sequential, from the page, no IndexedDB', fetchOnlyMeasured),
    ratio: round(ratio),
    fetchOnlyRatio: round(median(scaleToN(fetchOnlyMeasured)) / drainMedian),
    pull: {
      ...spread(pullRuns),
      fromFirstPullRequestMs: pulls.map((p) => (p.fromFirstPullMs === null ? null : round(p.fromFirstPullMs))),
      requests: pulls.map((p) => timings(p.requests)),
    },
    floors: {
      pushMs: spread(runs.map((r) => r.floors.pushMs)),
      pullMs: spread(runs.map((r) => r.floors.pullMs)),
      idbPutMs: spread(runs.map((r) => r.floors.idbPutMs)),
    },
    targets: { ...TARGETS, drainMet: drainMedian <= TARGETS.drainMs, pullMet: pullMedian <= TARGETS.pullMs, ratioMet: ratio >= TARGETS.ratio },
    notes: notes(runs),
  };
}

export type DrainReport = ReturnType<typeof summarise>;

/** Writes the report as a dated file and as latest-drain.json; returns the latter's path. */
export function writeReport(result: DrainReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = JSON.stringify(result, null, 2) + '\n';
  writeFileSync(join(RESULTS_DIR, `drain-${result.date.replace(/:/g, '-')}.json`), json);
  const latest = join(RESULTS_DIR, 'latest-drain.json');
  writeFileSync(latest, json);
  const inside = relative(process.cwd(), latest);
  return inside.startsWith('..') ? latest : inside;
}

export function printReport(result: DrainReport, runs: RunFigures[]): void {
  const row = (name: string, values: number[], target = '') =>
    `${name.padEnd(28)} ${values.map((r) => String(Math.round(r)).padStart(7)).join('')}   ${String(Math.round(median(values))).padStart(7)}   ${target}`;
  const met = (yes: boolean) => (yes ? 'met' : 'MISSED');
  const scaled = BASELINE_N !== N ? ' (scaled)' : '';
  const { machine, targets } = result;
  console.log(`\nOutpost drain/pull bench — N=${N}, ${machine.cpus} CPUs, Node ${machine.node}, Chromium ${machine.chromium}`);
  console.log(`${'measurement (ms)'.padEnd(28)} ${Array.from({ length: RUNS }, (_, i) => `run${i + 1}`.padStart(7)).join('')}   ${'median'.padStart(7)}   target`);
  console.log(row('drain (trigger→outbox empty)', runs.map((r) => r.drain.emptyMs ?? r.drain.syncMs), `≤ ${TARGETS.drainMs} ${met(targets.drainMet)}`));
  console.log(row(`baseline Workbox Queue${scaled}`, scaleToN(runs.map((r) => r.baselines.workboxMs))));
  console.log(row(`1 op/POST, no IDB${scaled}`, scaleToN(runs.map((r) => r.baselines.fetchOnlyMs))));
  console.log(row('fresh-device pull', runs.map((r) => r.pull.fromNavigationMs), `≤ ${TARGETS.pullMs} ${met(targets.pullMet)}`));
  console.log(row('floor: 500-op POSTs, no IDB', runs.map((r) => r.floors.pushMs)));
  console.log(row('floor: pull pages, no IDB', runs.map((r) => r.floors.pullMs)));
  console.log(row('floor: raw IDB put of N', runs.map((r) => r.floors.idbPutMs)));
  console.log(`ratio Workbox Queue/drain: ${result.ratio}× (target ≥ ${TARGETS.ratio}× ${met(targets.ratioMet)}); fetch-only/drain: ${result.fetchOnlyRatio}×`);
}
