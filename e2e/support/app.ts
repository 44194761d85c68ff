import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Account } from './fixtures';
import type { FaultProxy } from './faultProxy';
import { SYNC_TAG } from '../../src/app/syncConstants';

/** Signs up from the app opened at `at` (default: its start page). */
export async function signUp(page: Page, account: Account, at = '/'): Promise<void> {
  await page.goto(at);
  await page.getByRole('radio', { name: "I'm new here" }).check();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Workspace name').fill(account.workspaceName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();
}

/** Signs in from the sign-in screen (already open), as a person who has an account. */
export async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.getByRole('radio', { name: 'I have an account' }).check();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Creates an invite in the signed-in person's workspace, through the UI. */
export async function inviteCode(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Invite a teammate' }).click();
  const code = page.getByRole('status').getByLabel('Invite code');
  await expect(code).not.toBeEmpty();
  return (await code.textContent())!.trim();
}

/** Joins a workspace with an invite code, through the sign-up screen. */
export async function joinWithInvite(page: Page, person: { email: string; password: string }, code: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('radio', { name: "I'm new here" }).check();
  await page.getByRole('radio', { name: 'Join with an invite code' }).check();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('textbox', { name: 'Invite code' }).fill(code);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();
}

/** Opens a visitor from the list, changes the given fields and saves. */
export async function editVisitor(page: Page, name: string, fields: Record<string, string>): Promise<void> {
  await visitorRow(page, name).click();
  const form = page.getByRole('form', { name: 'Edit visitor' });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

/** The page is controlled by the service worker, so the app shell is cached for offline use. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

export async function createVisitor(page: Page, fields: { name: string; company?: string }): Promise<void> {
  await page.getByRole('button', { name: 'New visitor' }).click();
  const form = page.getByRole('form', { name: 'New visitor' });
  await form.getByLabel('Name').fill(fields.name);
  if (fields.company) await form.getByLabel('Company').fill(fields.company);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(visitorRow(page, fields.name)).toBeVisible();
}

/**
 * With the API unreachable (the app shell is still served), captures one visitor per name
 * through the form; each waits in the outbox.
 */
export async function captureWithServerDown(page: Page, faults: FaultProxy, names: string[]): Promise<void> {
  faults.set({ mode: 'down' });
  for (const name of names) await createVisitor(page, { name });
  await expect(syncStatus(page)).toContainText(`${names.length} pending`);
  // The page's drain has failed and ended (it shows Offline): no push of it is still on the way
  // to reach the server after the test brings it back up.
  await expect(syncStatus(page)).toContainText('Offline');
}

/** The app's `window.outpostQA`, which loads after start-up when the profile set the QA switch. */
export async function waitForQaHooks(page: Page): Promise<void> {
  await page.waitForFunction(() => window.outpostQA !== undefined);
}

export function visitorRow(page: Page, name: string) {
  return page.getByRole('list', { name: 'Visitors' }).getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

export function syncStatus(page: Page) {
  return page.getByRole('status', { name: 'Sync status' });
}

/**
 * Fires the service worker's background-sync event through the DevTools protocol, the way
 * the browser does when connectivity returns (TESTING-NOTES.md).
 */
export async function fireBackgroundSync(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const registrations = new Map<string, string>();
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: regs }) => {
    for (const r of regs) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => registrations.get(`${origin}/`)).toBeTruthy();
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin,
    registrationId: registrations.get(`${origin}/`)!,
    tag: SYNC_TAG,
    lastChance: false,
  });
  await cdp.detach();
}

/**
 * Two people in one workspace, each on their own device and network: A (`page`) signs up and
 * captures the visitor `name`; B (`teammate`) joins with an invite and sees it arrive.
 */
export async function twoPeopleWith(page: Page, teammate: { page: Page }, account: Account, name: string): Promise<void> {
  await signUp(page, account);
  const code = await inviteCode(page);
  await joinWithInvite(teammate.page, { email: `b-${account.email}`, password: account.password }, code);
  await Promise.all([waitForServiceWorker(page), waitForServiceWorker(teammate.page)]);
  await createVisitor(page, { name, company: 'Analytical Engines' });
  await expect(visitorRow(teammate.page, name)).toContainText('synced');
}

export { caughtUp, expectConverged, pushed } from './convergence';
