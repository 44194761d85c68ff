/**
 * What every job of the drain bench (bench/run.ts) shares: one real server behind the e2e fault
 * proxy, fresh persistent browser profiles at the proxy's origin (with the app's QA hooks
 * switched on), accounts made through the API, and the clean-up of all of it.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startServer, type RunningServer } from '../../e2e/support/server';
import { FaultProxy } from '../../e2e/support/faultProxy';
import { launchProfile } from '../../e2e/support/browser';
import { waitForServiceWorker } from '../../e2e/support/app';
import { serverVisitors } from '../../e2e/support/serverApi';
import { qaVisitor } from '../../src/app/qaHooks';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type SyncOp } from '../../src/core/protocol';

export const N = Number(process.env.BENCH_N ?? 10_000);
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Sequential one-op POSTs are slow; measured on this many and scaled linearly to N. */
export const BASELINE_N = Math.min(N, Number(process.env.BENCH_BASELINE_N ?? 2_000));
export const TARGETS = { drainMs: 1_500, pullMs: 1_000, ratio: 50 };
/** Where the JSON goes (bench/results unless BENCH_RESULTS_DIR says otherwise). */
export const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? join(import.meta.dirname, '..', 'results');
const PASSWORD = 'correct horse battery';
/** What the bench's own requests send: the server refuses a client that names no protocol it speaks. */
export const PROTOCOL_HEADERS = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

export interface Account {
  email: string;
  password: string;
}

/** A fresh persistent browser profile; `close` is safe to call twice. */
export interface Profile {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface Bench {
  server: RunningServer;
  proxy: FaultProxy;
  profile(): Promise<Profile>;
  /** A new account and workspace, signed in on `context` (its cookies). */
  signUp(context: BrowserContext, label: string): Promise<Account>;
  signIn(context: BrowserContext, account: Account): Promise<void>;
  /** The app page, loaded, controlled by the service worker, with `window.outpostQA` installed. */
  openApp(context: BrowserContext): Promise<Page>;
  /** Visitors the server holds for `account`. */
  serverCount(account: Account): Promise<number>;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const round = (x: number) => Math.round(x * 10) / 10;
export const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

const cleanups: (() => Promise<unknown>)[] = [];

/** Stops everything started so far, the latest first. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    await fn().catch((e: unknown) => console.error('cleanup failed:', e));
  }
}

export async function startBench(): Promise<Bench> {
  const server = await startServer();
  cleanups.push(() => server.stop());
  const proxy = await FaultProxy.start(server.url);
  cleanups.push(() => proxy.close());
  const origin = proxy.url;
  return {
    server,
    proxy,
    profile: () => openProfile(origin),
    async signUp(context, label) {
      const id = randomUUID().slice(0, 8);
      const account = { email: `bench-${label}-${id}@example.com`, password: PASSWORD };
      const res = await context.request.post(`${origin}/api/auth/signup`, { data: { ...account, workspaceName: `Bench ${label} ${id}` } });
      if (!res.ok()) throw new Error(`signup failed: ${res.status()} ${await res.text()}`);
      return account;
    },
    async signIn(context, account) {
      const res = await context.request.post(`${origin}/api/auth/login`, { data: account });
      if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
    },
    async openApp(context) {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/');
      await page.getByRole('button', { name: 'New visitor' }).waitFor({ timeout: 20_000 });
      await waitForServiceWorker(page);
      // Loaded in a chunk of its own after start-up, only with the QA switch (launchProfile sets it).
      await page.waitForFunction(() => window.outpostQA !== undefined, null, { timeout: 20_000 });
      return page;
    },
    serverCount: async (account) => (await serverVisitors(server.url, account.email, account.password)).length,
  };
}

async function openProfile(origin: string): Promise<Profile> {
  const { context, dispose } = await launchProfile(origin, { qaHooks: true });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= dispose());
  cleanups.push(close);
  // tsx compiles with keepNames: functions sent to page.evaluate may call esbuild's __name.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  if (process.env.BENCH_CONSOLE) context.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  return { context, close };
}

/** Fails the run unless the server holds `expected` visitors for `account`. */
export async function expectHeld(bench: Bench, account: Account, expected: number, what: string): Promise<void> {
  const held = await bench.serverCount(account);
  if (held !== expected) throw new Error(`${what}: server holds ${held} visitors, expected ${expected}`);
}

/** `count` create ops as the wire carries them, with the visitors `createVisitors` makes. */
export function wireOps(prefix: string, count: number): SyncOp[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => ({
    opId: randomUUID(),
    collection: 'visitors' as const,
    id: randomUUID(),
    kind: 'create' as const,
    data: qaVisitor(prefix, i, now),
  }));
}

/**
 * Runs a bench's `main`, then stops everything it started; so does Ctrl-C (exit 130). A
 * failure is printed and sets the exit code.
 */
export function runBench(main: () => Promise<void>): void {
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
    .finally(() => cleanUp());
}
