import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { editVisitor, inviteCode, joinWithInvite, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import type { FaultProxy } from './support/faultProxy';
import type { Device } from './support/fixtures';
import { localRows } from './support/localDb';
import type { LocalVisitor } from '../src/core/client/types';

/** Captures a visitor through the form, filling each labelled field given. */
async function capture(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'New visitor' }).click();
  const form = page.getByRole('form', { name: 'New visitor' });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(syncStatus(page)).toContainText('synced');
}

async function visitorsOf(page: Page): Promise<LocalVisitor[]> {
  return localRows<LocalVisitor>(page, 'visitors');
}

test.beforeEach(async ({ page, teammate, account }) => {
  await signUp(page, account);
  const code = await inviteCode(page);
  await joinWithInvite(teammate.page, { email: `b-${account.email}`, password: account.password }, code);
  await Promise.all([waitForServiceWorker(page), waitForServiceWorker(teammate.page)]);
});

/**
 * A (`page`) and B (`teammate`) capture the same person offline, A first, with the same email in
 * another case; both come online and sync. Returns A's capture (the earlier one).
 */
async function sameEmailCapturedOffline(page: Page, faults: FaultProxy, teammate: Device): Promise<LocalVisitor> {
  faults.set({ mode: 'down' });
  teammate.faults.set({ mode: 'down' });
  await capture(page, { Name: 'Ada Lovelace', Email: 'ada@example.com', Interests: 'Engines', Notes: 'Met at the booth', 'Captured at': '2026-12-03T09:00' });
  await capture(teammate.page, { Name: 'Ada King', Email: 'ADA@Example.com', Title: 'Countess', Interests: 'Poetry, Engines', Notes: 'Wants a demo', 'Captured at': '2026-12-03T09:30' });
  faults.set({ mode: 'up' });
  teammate.faults.set({ mode: 'up' });
  await syncNow(page);
  await syncNow(teammate.page);
  await syncNow(page);
  return (await visitorsOf(page)).find((row) => row.data.name === 'Ada Lovelace')!;
}

/** On A: opens Ada Lovelace, "Merge duplicates", keeps the later capture's name, merges and syncs. */
async function mergeKeepingLaterName(page: Page): Promise<void> {
  await visitorRow(page, 'Ada Lovelace').click();
  const notice = page.getByRole('group', { name: 'Possible duplicate' });
  await expect(notice).toContainText('Ada King');
  await notice.getByRole('button', { name: 'Merge duplicates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge duplicates' });
  await dialog.getByRole('radiogroup', { name: 'Name' }).getByRole('radio', { name: 'Later capture' }).check();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('form', { name: 'Edit visitor' }).getByRole('textbox', { name: 'Name' })).toHaveValue('Ada King');
  await syncNow(page);
}

test('two colleagues capture the same email offline; both see "Possible duplicate", and one merge leaves one visitor everywhere', async ({ page, faults, teammate }) => {
  const earlier = await sameEmailCapturedOffline(page, faults, teammate);
  for (const device of [page, teammate.page]) {
    for (const name of ['Ada Lovelace', 'Ada King']) await expect(visitorRow(device, name)).toContainText('Possible duplicate');
  }
  await mergeKeepingLaterName(page);
  await syncNow(teammate.page);

  for (const device of [page, teammate.page]) {
    await expect(visitorRow(device, 'Ada Lovelace')).toHaveCount(0);
    await expect(visitorRow(device, 'Ada King')).not.toContainText('Possible duplicate');
    const rows = await visitorsOf(device);
    expect(rows.map((row) => row.id)).toEqual([earlier.id]);
    expect(rows[0]!.data).toMatchObject({ name: 'Ada King', email: 'ada@example.com', title: 'Countess', capturedAt: earlier.data.capturedAt });
    expect([...rows[0]!.data.interests].sort()).toEqual(['Engines', 'Poetry']);
    expect(rows[0]!.data.notes).toContain('Met at the booth');
    expect(rows[0]!.data.notes).toContain('Wants a demo');
  }
});

test("a teammate's offline edit of the merged-away record becomes a conflict on their device, not a loss", async ({ page, faults, teammate, account }) => {
  await sameEmailCapturedOffline(page, faults, teammate);
  teammate.faults.set({ mode: 'down' });
  await editVisitor(teammate.page, 'Ada King', { Title: 'Countess of Lovelace' });
  await mergeKeepingLaterName(page);
  teammate.faults.set({ mode: 'up' });
  await teammate.page.getByRole('button', { name: 'Sync now' }).click();

  const dialog = teammate.page.getByRole('dialog', { name: 'Resolve conflict' });
  await expect(dialog).toContainText(`Ada King was deleted by ${account.email}`);
  await expect(dialog.getByRole('table', { name: 'Your changes' })).toContainText('Countess of Lovelace');
  await dialog.getByRole('button', { name: 'Restore my version' }).click();
  await expect(dialog).toBeHidden();
  await expect(visitorRow(page, 'Ada King').filter({ hasText: 'Countess of Lovelace' })).toContainText('Possible duplicate');
});

test('"Not the same person" removes the mark for that pair on every device', async ({ page, teammate }) => {
  await capture(page, { Name: 'Sam Lee', Company: 'Acme' });
  await capture(teammate.page, { Name: 'Sam Lee', Company: 'Acme', Title: 'CTO' });
  await syncNow(teammate.page);
  await syncNow(page);
  await expect(page.getByRole('list', { name: 'Visitors' }).getByText('Possible duplicate')).toHaveCount(2);

  await visitorRow(page, 'Sam Lee').first().click();
  await page.getByRole('group', { name: 'Possible duplicate' }).getByRole('button', { name: 'Not the same person' }).click();
  await expect(page.getByRole('group', { name: 'Possible duplicate' })).toBeHidden();
  await syncNow(page);
  await syncNow(teammate.page);
  for (const device of [page, teammate.page]) {
    await expect(visitorRow(device, 'Sam Lee')).toHaveCount(2);
    await expect(device.getByRole('list', { name: 'Visitors' }).getByText('Possible duplicate')).toHaveCount(0);
  }
});
