import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Account } from './fixtures';
import type { FaultProxy, PushExchange } from './faultProxy';
import type { RunningServer } from './server';
import { pageOf, type ObservedDevice } from './convergence';
import { createVisitor, syncStatus, visitorRow } from './app';
import { serverVisitors } from './serverApi';

/**
 * The devices' browsers lose the network (their service workers and live event streams too), as
 * a tablet out of Wi-Fi range does. The app keeps working.
 */
export async function offline(...devices: ObservedDevice[]): Promise<void> {
  for (const device of devices) await pageOf(device).context().setOffline(true);
}

/** The devices' network comes back; the browser's `online` event starts a sync, the person does nothing. */
export async function online(...devices: ObservedDevice[]): Promise<void> {
  for (const device of devices) await pageOf(device).context().setOffline(false);
}

/** The device comes back online (`online`) and its status says `expected`. */
export async function reconnect(device: ObservedDevice, expected = 'All changes synced'): Promise<void> {
  await online(device);
  await expect(syncStatus(pageOf(device))).toContainText(expected, { timeout: 40_000 });
}

/** Opens a visitor from the list and deletes it. */
export async function deleteVisitor(page: Page, name: string): Promise<void> {
  await visitorRow(page, name).click();
  await page.getByRole('form', { name: 'Edit visitor' }).getByRole('button', { name: 'Delete' }).click();
  await expect(visitorRow(page, name)).toHaveCount(0);
}

export type FieldChoice = 'Mine' | 'Theirs' | 'Merged';
export type DeletionChoice = 'Restore my version' | 'Accept deletion' | 'Delete anyway' | 'Keep their version';

/**
 * Settles the conflict in the "Resolve conflict" dialog (it opens by itself when a conflict
 * appears): a choice per contended field, by its label, then "Apply"; or one of the buttons of
 * an edit-vs-delete conflict.
 */
export async function resolveConflict(page: Page, choice: Record<string, FieldChoice> | DeletionChoice): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Resolve conflict' });
  await expect(dialog).toBeVisible();
  if (typeof choice === 'string') {
    await dialog.getByRole('button', { name: choice }).click();
  } else {
    for (const [field, option] of Object.entries(choice)) await dialog.getByRole('radiogroup', { name: field }).getByRole('radio', { name: option }).check();
    await dialog.getByRole('button', { name: 'Apply' }).click();
  }
  await expect(dialog).toBeHidden();
}

/** The fields of the visitor named `name` as the server holds it; undefined when it holds none. */
export async function serverRecord(server: RunningServer, account: Account, name: string) {
  return (await serverVisitors(server.url, account.email, account.password)).find((c) => c.data.name === name)?.data;
}

/** The names of the visitors the server holds, sorted (a name twice means a visitor twice). */
export async function serverNames(server: RunningServer, account: Account): Promise<string[]> {
  return (await serverVisitors(server.url, account.email, account.password)).map((c) => c.data.name).sort();
}

/**
 * The device's network goes down and comes back every `everyMs` for `forMs`, then stays up.
 * Resolves when the flapping is over.
 */
export async function flapping(device: ObservedDevice, { everyMs, forMs }: { everyMs: number; forMs: number }): Promise<void> {
  const context = pageOf(device).context();
  for (let elapsed = 0; elapsed < forMs; elapsed += everyMs) {
    await context.setOffline((elapsed / everyMs) % 2 === 0);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  await context.setOffline(false);
}

/** Captures visitors `${prefix} 1`, `${prefix} 2`, … through the form until `until` settles; their names. */
export async function captureUntil(page: Page, until: Promise<void>, prefix: string): Promise<string[]> {
  let over = false;
  void until.finally(() => (over = true));
  const names: string[] = [];
  while (!over) {
    names.push(`${prefix} ${names.length + 1}`);
    await createVisitor(page, { name: names.at(-1)! });
  }
  await until;
  return names;
}

/** Each op of a push with the status the server answered it: `[kind, status]`, in the push's order. */
export function perOpResults(push: PushExchange): [string, string][] {
  const statuses = new Map(push.response.results.map((r) => [r.opId, r.status]));
  return push.request.ops.map((op) => [op.kind, statuses.get(op.opId) ?? 'no result']);
}

/** Every opId the proxy saw pushed and answered, in order (an op sent twice is listed twice). */
export function opIdsPushed(faults: FaultProxy): string[] {
  return faults.exchanges.flatMap((e) => e.request.ops.map((op) => op.opId));
}

/**
 * A page of the app's origin that runs no app code (an API answer, which the service worker does
 * not serve): it reads the local database while no app page is open.
 */
export async function originPageWithoutApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/api/auth/me');
  return page;
}
