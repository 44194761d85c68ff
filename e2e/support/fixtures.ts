import { test as base, type BrowserContext, type Page, type WorkerFixture } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { FaultProxy } from './faultProxy';
import { launchProfile } from './browser';
import { startServer, type RunningServer } from './server';

export interface Account {
  email: string;
  password: string;
  workspaceName: string;
}

/** A second person's device: its own browser profile behind its own proxy (its own network). */
export interface Device {
  faults: FaultProxy;
  context: BrowserContext;
  page: Page;
}

interface Fixtures {
  /**
   * Whether the `context` profile opens the app with its QA switch, so that `window.outpostQA`
   * exists (default: true; `test.use({ qaHooks: false })` for a default run).
   */
  qaHooks: boolean;
  faults: FaultProxy;
  context: BrowserContext;
  page: Page;
  account: Account;
  teammate: Device;
}

/** A worker-scoped fixture: started once per worker, stopped when the worker ends. */
export function perWorker<T extends { stop(): Promise<void> }>(start: () => Promise<T>): [WorkerFixture<T, object>, { scope: 'worker' }] {
  return [
    async ({}, use) => {
      const value = await start();
      await use(value);
      await value.stop();
    },
    { scope: 'worker' },
  ];
}

export const test = base.extend<Fixtures, { server: RunningServer }>({
  server: perWorker(() => startServer()),
  qaHooks: [true, { option: true }],
  faults: async ({ server }, use) => {
    const proxy = await FaultProxy.start(server.url);
    await use(proxy);
    await proxy.close();
  },
  context: async ({ faults, qaHooks }, use) => {
    const { context, dispose } = await launchProfile(faults.url, { qaHooks });
    echoConsole(context, 'A');
    await use(context);
    await dispose();
  },
  teammate: async ({ server }, use) => withDevice(server, 'B', use),
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  account: async ({}, use) => {
    const id = randomUUID().slice(0, 8);
    await use({ email: `qa-${id}@example.com`, password: 'correct horse battery', workspaceName: `Booth ${id}` });
  },
});

/**
 * A person's device whose server is `server`: its own browser profile (with the QA switch)
 * behind its own proxy.
 */
export async function withDevice(server: RunningServer, who: string, use: (device: Device) => Promise<void>): Promise<void> {
  const faults = await FaultProxy.start(server.url);
  const { context, dispose } = await launchProfile(faults.url, { qaHooks: true });
  echoConsole(context, who);
  await use({ faults, context, page: context.pages()[0] ?? (await context.newPage()) });
  await dispose();
  await faults.close();
}

/** OUTPOST_E2E_CONSOLE=1 echoes the pages' and the service worker's console, for debugging. */
function echoConsole(context: BrowserContext, who: string): void {
  if (process.env.OUTPOST_E2E_CONSOLE) context.on('console', (m) => console.log(`[browser ${who} ${m.type()}] ${m.text()}`));
}

export { expect } from '@playwright/test';
