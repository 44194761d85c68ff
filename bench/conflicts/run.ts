/**
 * Conflict benchmark: one seeded workload of people editing overlapping visitors offline,
 * replayed against (1) the real Outpost server (Fastify + SQLite file), (2) last-writer-wins and
 * (3) a whole-record version check, and judged per edit by the same oracle (oracle.ts).
 *
 *   npx tsx bench/conflicts/run.ts            # DEFAULT_OPTIONS
 *   BENCH_SEED=7 npx tsx bench/conflicts/run.ts
 *
 * Writes bench/results/conflicts-<date>.json and bench/results/latest-conflicts.json (or into
 * BENCH_RESULTS_DIR). Exits non-zero when Outpost lost an edit, the oracle met an anomaly or a
 * pull disagreed with a push answer (results are written anyway).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import type { Backend } from './backend';
import { unmergeableConflicts, type Tally } from './oracle';
import { startOutpostBackend } from './outpostBackend';
import { replay, type ReplayResult } from './replay';
import { lastWriterWins, simulatedBackend, versionCheck } from './strategies';
import { DEFAULT_OPTIONS, EDIT_WEIGHTS, generateWorkload, type Workload, type WorkloadOptions } from './workload';

/**
 * The bar Outpost's figures are read against: at least 95 % of concurrent edits merged
 * automatically, and no edit lost (a lost edit or an oracle anomaly also fails the run).
 */
const TARGETS = { mergedShare: 0.95, lost: 0 } as const;

/** One strategy's replay: the oracle's tally (its counts sorted, most first) and what follows from it. */
interface StrategyResult extends Tally {
  name: string;
  ms: number;
  rounds: number;
  ops: number;
  opsAnsweredConflict: number;
  pullDisagreements: number;
  /** mergedAutomatically / concurrent. */
  mergedShare: number | null;
  /** contendedMerged / contended: the same share over edits whose own field someone else changed. */
  contendedMergedShare: number | null;
  /** True conflicts that no strategy can merge without losing an edit (`isUnmergeable`). */
  unmergeable: number;
  /**
   * (concurrent - unmergeable) / concurrent: the highest merged share that any strategy losing
   * no edit can reach on this workload.
   */
  ceiling: number | null;
}

function options(): WorkloadOptions {
  const raw = process.env.BENCH_SEED;
  if (raw === undefined || raw === '') return DEFAULT_OPTIONS;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`BENCH_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return { ...DEFAULT_OPTIONS, seed };
}

async function measure(backend: Backend, run: () => Promise<ReplayResult>): Promise<StrategyResult> {
  const started = performance.now();
  try {
    const r = await run();
    const t = r.tally;
    const unmergeable = unmergeableConflicts(t.conflictsBy);
    return {
      name: backend.name,
      ms: Math.round(performance.now() - started),
      rounds: r.rounds,
      ops: r.ops,
      opsAnsweredConflict: r.opsAnsweredConflict,
      pullDisagreements: r.pullDisagreements,
      ...t,
      conflictsBy: sortCounts(t.conflictsBy),
      lostBy: sortCounts(t.lostBy),
      anomalyReasons: sortCounts(t.anomalyReasons),
      mergedShare: t.concurrent ? t.mergedAutomatically / t.concurrent : null,
      contendedMergedShare: t.contended ? t.contendedMerged / t.contended : null,
      unmergeable,
      ceiling: t.concurrent ? (t.concurrent - unmergeable) / t.concurrent : null,
    };
  } finally {
    await backend.close();
  }
}

const sortCounts = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

function table(results: readonly StrategyResult[]): string {
  const columns: [string, (r: StrategyResult) => string][] = [
    ['strategy', (r) => r.name],
    ['concurrent', (r) => String(r.concurrent)],
    ['merged auto', (r) => String(r.mergedAutomatically)],
    ['merged share', (r) => pct(r.mergedShare)],
    ['same-field', (r) => String(r.contended)],
    ['same-field merged', (r) => `${r.contendedMerged} (${pct(r.contendedMergedShare)})`],
    ['true conflicts', (r) => String(r.trueConflicts)],
    ['of them unmergeable', (r) => String(r.unmergeable)],
    ['ceiling', (r) => pct(r.ceiling)],
    ['conflicts, not concurrent', (r) => String(r.conflictsNotConcurrent)],
    ['lost', (r) => String(r.lost)],
    ['anomalies', (r) => String(r.anomalies)],
    ['pull disagreements', (r) => String(r.pullDisagreements)],
    ['ms', (r) => String(r.ms)],
  ];
  const cells = [columns.map(([h]) => h), ...results.map((r) => columns.map(([, f]) => f(r)))];
  const widths = columns.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Relative to the working directory when inside it. */
const shortPath = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));

const counts = (c: Record<string, number>) =>
  Object.keys(c).length ? Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ') : 'none';

/** The table and the sentences a person reads after a run. */
function printSummary(results: readonly StrategyResult[], workload: Workload, targets: { mergedShareMet: boolean; lostMet: boolean }): void {
  const opts = workload.options;
  const o = results[0]!;
  console.log(
    `\nOutpost conflict bench — seed ${opts.seed}, ${workload.edits} edits, ${opts.visitors} visitors, ` +
      `${opts.clients} people (${opts.minOnline}–${opts.maxOnline} offline per round), ${workload.rounds.length} rounds`,
  );
  console.log(table(results));
  for (const r of results) {
    console.log(`\n${r.name}: ${r.ops} ops pushed, ${r.opsAnsweredConflict} answered conflict, ${r.selfSuperseded} edits self-superseded, ${r.superseded} superseded`);
    console.log(`  conflicts by key: ${counts(r.conflictsBy)}`);
    if (r.lost) console.log(`  lost by kind: ${counts(r.lostBy)}`);
    if (r.anomalies) console.log(`  anomalies: ${counts(r.anomalyReasons)}`);
  }
  console.log(
    `\nOutpost: merged automatically ${pct(o.mergedShare)} of concurrent edits (target ≥ ${pct(TARGETS.mergedShare)} ` +
      `${targets.mergedShareMet ? 'met' : 'MISSED'}), lost ${o.lost} (target ${TARGETS.lost} ${targets.lostMet ? 'met' : 'MISSED'}), ` +
      `anomalies ${o.anomalies}, pull disagreements ${o.pullDisagreements}`,
  );
  console.log(
    `  ${o.unmergeable} of its ${o.trueConflicts} conflicts are unmergeable by any strategy that loses nothing, ` +
      `so ${pct(o.ceiling)} is this workload's ceiling; Outpost merged ${o.mergedAutomatically} of the ` +
      `${o.concurrent - o.unmergeable} mergeable concurrent edits`,
  );
}

/** What each figure of a strategy means (written into the JSON beside them). */
const DEFINITIONS = {
  concurrent: "when the edit's op ran, the record's server revision had moved past the revision the op was based on (the device's last pull)",
  mergedAutomatically: 'concurrent, not answered as a conflict covering its field, and its effect is on the server after the round',
  mergedShare: 'mergedAutomatically / concurrent',
  contended:
    "concurrent edits whose own field someone else changed before the op ran (a delete: anything in the record; an edit: the record was deleted)",
  contendedMergedShare: 'contended edits merged automatically / contended',
  trueConflicts: 'concurrent edits answered as a conflict covering their field (the person settles them)',
  unmergeable:
    'true conflicts no strategy can merge without losing an edit: the same single-valued field set to different values, the same note lines changed, or an edit against a delete',
  ceiling: '(concurrent - unmergeable) / concurrent: the best merged share of any strategy that loses nothing',
  lost: 'not conflicted and its effect is absent after the round, with nobody having knowingly undone it',
};

async function main(): Promise<void> {
  const started = performance.now();
  const opts = options();
  const workload = generateWorkload(opts);
  const clientsPerRound = workload.rounds.map((r) => r.clients.length);

  const results: StrategyResult[] = [];
  const outpost = await startOutpostBackend(opts.clients);
  results.push(await measure(outpost, () => replay(workload, outpost)));
  const lww = simulatedBackend('last-writer-wins (whole record)', lastWriterWins);
  results.push(await measure(lww, () => replay(workload, lww)));
  const vc = simulatedBackend('whole-record version check', versionCheck);
  results.push(await measure(vc, () => replay(workload, vc)));

  const o = results[0]!;
  const targets = {
    mergedShare: TARGETS.mergedShare,
    lost: TARGETS.lost,
    mergedShareMet: o.mergedShare !== null && o.mergedShare >= TARGETS.mergedShare,
    lostMet: o.lost <= TARGETS.lost,
    noAnomalies: o.anomalies === 0 && o.pullDisagreements === 0,
  };
  const date = new Date().toISOString();
  const result = {
    date,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    workload: {
      options: opts,
      edits: workload.edits,
      rounds: workload.rounds.length,
      meanClientsPerRound: clientsPerRound.reduce((a, b) => a + b, 0) / clientsPerRound.length,
      editWeights: EDIT_WEIGHTS,
    },
    definitions: DEFINITIONS,
    targets,
    strategies: results,
    totalMs: Math.round(performance.now() - started),
  };

  const json = `${JSON.stringify(result, null, 2)}\n`;
  const dir = process.env.BENCH_RESULTS_DIR ?? join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `conflicts-${date.replace(/:/g, '-')}.json`), json);
  writeFileSync(join(dir, 'latest-conflicts.json'), json);

  printSummary(results, workload, targets);
  console.log(`total ${result.totalMs} ms; written to ${shortPath(join(dir, 'latest-conflicts.json'))}`);

  if (!targets.lostMet || !targets.noAnomalies) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
