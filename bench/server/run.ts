/**
 * Server bench (`npm run bench:server`): push throughput, p95 push latency with 50 concurrent
 * clients, and p95 of `GET /api/auth/me` during that load against the same read on an idle
 * server — on SQLite and on PostgreSQL. The server is the built one, in a child process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgresCluster } from '../../server/test/postgresCluster';
import { openStorage } from '../../server/storage/open';
import { runLoad, probeMe } from './load';
import { seedClients } from './seed';
import { startServerProcess } from './serverProcess';
import { pushBodies, type Workload } from './workload';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const TEAMS = 5;
const WORKLOAD: Workload = { pushesPerClient: Number(process.env.BENCH_PUSHES ?? 20), opsPerPush: 100, updatesPerPush: 20 };
const TARGET_ME_P95_MS = 100;
const RESULTS_DIR = path.resolve('bench/results');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

async function benchBackend(name: string, databaseUrl: string) {
  const storage = await openStorage(databaseUrl);
  await storage.migrate();
  const clients = await seedClients(storage, TEAMS, Math.ceil(CLIENTS / TEAMS) + 1);
  await storage.close();
  const prober = clients.pop()!;
  const pushers = clients.slice(0, CLIENTS);
  const bodies = pushers.map((_, i) => pushBodies(i, WORKLOAD));

  const server = await startServerProcess(databaseUrl);
  try {
    const idle = await probeMe(server.url, prober.cookie, new Promise((r) => setTimeout(r, 3000)));
    const load = await runLoad(server.url, pushers, bodies, prober);
    if (load.failures.length) throw new Error(`${name}: ${load.failures.length} pushes failed, first: ${load.failures[0]}`);
    const ops = pushers.length * WORKLOAD.pushesPerClient * WORKLOAD.opsPerPush;
    return {
      backend: name,
      clients: pushers.length,
      ops,
      wallMs: round(load.wallMs),
      opsPerSecond: Math.round(ops / (load.wallMs / 1000)),
      pushP50Ms: round(percentile(load.pushMs, 50)),
      pushP95Ms: round(percentile(load.pushMs, 95)),
      meIdleP95Ms: round(percentile(idle, 95)),
      meP50Ms: round(percentile(load.meMs, 50)),
      meP95Ms: round(percentile(load.meMs, 95)),
      meMaxMs: round(Math.max(...load.meMs)),
      meSamples: load.meMs.length,
      meTargetMet: percentile(load.meMs, 95) < TARGET_ME_P95_MS,
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-server-'));
  const results = [];
  try {
    results.push(await benchBackend('sqlite', path.join(dir, 'bench.sqlite')));
    const cluster = await startPostgresCluster();
    try {
      results.push(await benchBackend('postgres', cluster.url));
    } finally {
      await cluster.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    workload: { ...WORKLOAD, clients: CLIENTS },
    targetMeP95Ms: TARGET_ME_P95_MS,
    results,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `server-${report.at.replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest-server.json'), JSON.stringify(report, null, 2) + '\n');
  console.table(results);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
  if (results.some((r) => !r.meTargetMet)) console.log(`target missed: p95 of /api/auth/me under load must be < ${TARGET_ME_P95_MS} ms`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
