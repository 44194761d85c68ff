/** The drain bench's baselines (bench/run.ts): what a plain per-request queue does with the same ops. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import { replayOneByOne } from '../inPage';
import { BASELINE_N, PROTOCOL_HEADERS, expectHeld, log, round, wireOps, type Bench } from './harness';

export interface Baselines {
  /** BASELINE_N one-op POSTs, sequential, no IndexedDB. */
  fetchOnlyMs: number;
  /** BASELINE_N requests stored in the real Workbox Queue and replayed. */
  workboxMs: number;
}

/**
 * What a plain request queue does with the same ops, each into a fresh workspace, from a page of
 * the origin that is not the app: one POST per op, then the real Workbox Queue. Returns that page
 * for the floors.
 */
export async function baselineJob(bench: Bench, context: BrowserContext, run: number, workboxScript: string): Promise<Baselines & { plain: Page }> {
  const fetchOnlyAccount = await bench.signUp(context, `baseline${run}`);
  const plain = await context.newPage();
  await plain.goto('/api/auth/me');
  const fetchOnlyMs = await plain.evaluate(replayOneByOne, { ops: wireOps(`Visitor r${run}`, BASELINE_N), clientId: randomUUID(), headers: PROTOCOL_HEADERS });
  await expectHeld(bench, fetchOnlyAccount, BASELINE_N, 'baseline');
  log(`run ${run}: baseline ${BASELINE_N} one-op POSTs in ${round(fetchOnlyMs)} ms`);

  const workboxAccount = await bench.signUp(context, `workbox${run}`);
  // Evaluated, not added as a <script>: the page's Content-Security-Policy allows no inline script.
  await plain.evaluate(workboxScript);
  const queueName = `bench-${run}`;
  await plain.evaluate(
    ({ ops, clientId, name }) => window.outpostBenchWorkbox!.fill(ops, clientId, name),
    { ops: wireOps(`Visitor r${run}`, BASELINE_N), clientId: randomUUID(), name: queueName },
  );
  const workboxMs = await plain.evaluate((name) => window.outpostBenchWorkbox!.replay(name), queueName);
  await expectHeld(bench, workboxAccount, BASELINE_N, 'workbox baseline');
  log(`run ${run}: Workbox Queue replay of ${BASELINE_N} requests in ${round(workboxMs)} ms`);
  return { fetchOnlyMs, workboxMs, plain };
}

/** bench/workboxQueue.ts as one classic script, for `page.evaluate`. */
export async function bundleWorkboxQueue(): Promise<string> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, '..', 'workboxQueue.ts')],
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
