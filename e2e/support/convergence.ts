import { expect, type BrowserContext, type Page } from '@playwright/test';
import { firstDifference, type DeviceState } from '../../src/core/testing/convergence';
import type { ConflictRecord, LocalVisitor, MetaRow, OutboxOp } from '../../src/core/client/types';
import { localRows } from './localDb';
import type { RunningServer } from './server';
import { serverState } from './serverApi';

/**
 * A device to compare with the server: its app page (a `Device` fixture will do), optionally
 * with the names of the visitors that are expected to have an open conflict there.
 */
export type ObservedDevice = Page | { page: Page; openConflicts?: readonly string[] };

/** How long a device may take to converge: a retry after a failure waits at most 30 s. */
const CONVERGE_TIMEOUT_MS = 40_000;

/**
 * Waits until every device holds exactly what the server holds for the workspace: the same live
 * visitors at the server's revisions, field by field, nothing queued, and no open conflict but
 * the expected ones. Fails naming the first device, record and field that still differ.
 */
export async function expectConverged(server: RunningServer, ...devices: ObservedDevice[]): Promise<void> {
  const cookie = await sessionCookie(pageOf(devices[0]!).context());
  await expect
    .poll(
      async () => {
        const { changes } = await serverState(server.url, cookie);
        for (const device of devices) {
          const page = pageOf(device);
          const state = await deviceState(page).catch((e: Error) => e);
          if (state instanceof Error) return `${page.url()}: cannot read the local database (${state.message})`;
          const openConflicts = 'openConflicts' in device ? device.openConflicts : [];
          const problem = firstDifference(changes, state, { openConflicts });
          if (problem) return `${state.who}: ${problem}`;
        }
        return null;
      },
      { message: 'every device holds what the server holds, with nothing queued', timeout: CONVERGE_TIMEOUT_MS },
    )
    .toBeNull();
}

/**
 * Resolves once the device has pulled everything the server held when this was called (its pull
 * cursor reached the workspace's revision of that moment). Use it before a device edits a record
 * another device changed: seeing the row is not the same as having pulled its latest edit.
 */
export async function caughtUp(server: RunningServer, device: ObservedDevice): Promise<void> {
  const page = pageOf(device);
  const { cursor } = await serverState(server.url, await sessionCookie(page.context()));
  await expect
    .poll(async () => (await localMeta<number>(page, 'cursor')) ?? 0, { message: `the device's pull cursor reaches the server's revision ${cursor}` })
    .toBeGreaterThanOrEqual(cursor);
}

/** Resolves when the device's outbox is empty: everything it queued has been answered by the server. */
export async function pushed(device: ObservedDevice): Promise<void> {
  const page = pageOf(device);
  await expect.poll(async () => (await localRows<OutboxOp>(page, 'outbox')).length, { message: 'changes still queued on the device', timeout: CONVERGE_TIMEOUT_MS }).toBe(0);
}

/** The workspace's revision on the server now, as the device's signed-in person sees it. */
export async function serverRevision(server: RunningServer, device: ObservedDevice): Promise<number> {
  return (await serverState(server.url, await sessionCookie(pageOf(device).context()))).cursor;
}

/** A meta value of the device's database (`cursor`, `syncStatus`, …). */
export async function localMeta<T>(page: Page, key: string): Promise<T | undefined> {
  return (await localRows<MetaRow>(page, 'meta')).find((row) => row.key === key)?.value as T | undefined;
}

async function deviceState(page: Page): Promise<DeviceState & { who: string }> {
  const [visitors, outbox, conflicts, meta] = await Promise.all([
    localRows<LocalVisitor>(page, 'visitors'),
    localRows<OutboxOp>(page, 'outbox'),
    localRows<ConflictRecord>(page, 'conflicts'),
    localRows<MetaRow>(page, 'meta'),
  ]);
  const session = meta.find((row) => row.key === 'session')?.value as { user: { email: string } } | undefined;
  return { visitors, outbox, conflicts, who: `the device of ${session?.user.email ?? 'nobody signed in'}` };
}

/** The device's session cookie, to read the server directly as its person (not through its proxy). */
async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'outpost_session');
  if (!cookie) throw new Error('The device has no session cookie: sign in first');
  return `${cookie.name}=${cookie.value}`;
}

export function pageOf(device: ObservedDevice): Page {
  return 'page' in device ? device.page : device;
}
