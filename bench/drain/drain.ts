/** The drain bench's main job (bench/run.ts): the app's own drain of N queued visitors. */
import type { BrowserContext, Page } from '@playwright/test';
import { SYNC_CHANNEL } from '../../src/app/syncConstants';
import { measureDrain, type DrainMeasurement } from '../inPage';
import { N, expectHeld, log, round, type Account, type Bench, type Profile } from './harness';

export interface DrainRun extends DrainMeasurement {
  createMs: number;
  /** Pushes the service worker sent during the drain (the page alone should drain). */
  swPushes: number;
}

/**
 * Fresh profile and workspace; N visitors created offline through window.outpostQA; proxy up;
 * `outpostQA.syncNow()` until the outbox is empty; the server's count checked. The profile and
 * its owner stay for the next jobs.
 */
export async function drainJob(bench: Bench, run: number): Promise<{ drain: DrainRun; device: Profile; owner: Account; chromium: string }> {
  const device = await bench.profile();
  const owner = await bench.signUp(device.context, `drain${run}`);
  const app = await bench.openApp(device.context);
  const chromium = await chromiumVersion(device.context, app);
  bench.proxy.set({ mode: 'down' });
  const createStart = Date.now();
  await app.evaluate(({ n, prefix }) => window.outpostQA!.createVisitors(n, prefix), { n: N, prefix: `Visitor r${run}` });
  const createMs = Date.now() - createStart;
  const queued = await app.evaluate(() => window.outpostQA!.outboxSize());
  if (queued !== N) throw new Error(`expected ${N} queued ops, found ${queued}`);
  log(`run ${run}: ${N} visitors created offline in ${createMs} ms`);
  // Each committed write starts a drain, which fails while the API is down. `syncNow()` joins a
  // drain in flight, so the timed one starts only once the page has given up for now.
  await app.getByRole('status').filter({ hasText: `${N} pending` }).filter({ hasText: 'Offline' }).waitFor();
  await app.getByRole('button', { name: 'Sync now', disabled: false }).waitFor();

  const seenBefore = bench.proxy.seen.length;
  bench.proxy.up();
  const drain = await app.evaluate(measureDrain, { channel: SYNC_CHANNEL, n: N });
  if (!drain.ok || drain.outboxAfter !== 0) throw new Error(`drain failed: ok=${drain.ok} outbox=${drain.outboxAfter}`);
  await expectHeld(bench, owner, N, 'drain');
  const swPushes = bench.proxy.seen.slice(seenBefore).filter((r) => r.path.startsWith('/api/sync/push') && r.drainer === 'service-worker').length;
  log(`run ${run}: drain ${round(drain.emptyMs ?? NaN)} ms (syncNow incl. pull-back ${round(drain.syncMs)} ms)`);
  await app.close();
  return { drain: { ...drain, createMs, swPushes }, device, owner, chromium };
}

export async function chromiumVersion(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product;
}
