import type { Page } from '@playwright/test';
import { test, expect, type Account, type Device } from './support/fixtures';
import {
  createVisitor,
  editVisitor,
  inviteCode,
  joinWithInvite,
  signUp,
  syncStatus,
  visitorRow,
  twoPeopleWith,
  waitForServiceWorker,
} from './support/app';
import { serverVisitors } from './support/serverApi';
import type { RunningServer } from './support/server';
import type { FaultProxy } from './support/faultProxy';

const VISITOR = 'Ada Lovelace';

const twoPeopleWithAVisitor = (page: Page, teammate: Device, account: Account) => twoPeopleWith(page, teammate, account, VISITOR);

/** The device loses its network (its live stream too). */
function goOffline(device: { faults: FaultProxy }): void {
  device.faults.set({ mode: 'down' });
}

/**
 * The network comes back; the person does nothing (the live stream reconnects within seconds and
 * the page syncs). The device's one offline change shows pending first, so that `expected`
 * (awaited next) is the state after its push, not the status from before it.
 */
async function reconnect(device: { faults: FaultProxy; page: Page }, expected = 'All changes synced'): Promise<void> {
  await expect(syncStatus(device.page)).toContainText('1 pending');
  device.faults.up();
  await expect(syncStatus(device.page)).toContainText(expected, { timeout: 20_000 });
}

/** What the visitor's form shows, reopened until it matches (the pull may still be on its way). */
async function expectFields(page: Page, name: string, fields: Record<string, string>): Promise<void> {
  await expect(async () => {
    await visitorRow(page, name).click();
    const form = page.getByRole('form', { name: 'Edit visitor' });
    try {
      for (const [label, value] of Object.entries(fields)) {
        await expect(form.getByLabel(label, { exact: true })).toHaveValue(value, { timeout: 500 });
      }
    } finally {
      await form.getByRole('button', { name: 'Cancel' }).click();
    }
  }).toPass({ timeout: 20_000 });
}

/**
 * Both go offline and change the visitor's title; back online, A pushes first and B, the later
 * pusher, has a conflict to settle.
 */
async function bothChangeTheTitle(a: { faults: FaultProxy; page: Page }, b: Device): Promise<void> {
  goOffline(a);
  goOffline(b);
  await editVisitor(a.page, VISITOR, { Title: 'CTO' });
  await editVisitor(b.page, VISITOR, { Title: 'Head of Research' });
  await reconnect(a);
  await reconnect(b, '1 conflict');
}

const conflictDialog = (page: Page) => page.getByRole('dialog', { name: 'Resolve conflict' });

async function serverRecord(server: RunningServer, account: Account) {
  const held = await serverVisitors(server.url, account.email, account.password);
  return held.find((c) => c.data.name === VISITOR)?.data;
}

test('a visitor captured on one device appears on a teammate\'s within seconds, without a reload', async ({ page, teammate, account }) => {
  await signUp(page, account);
  const code = await inviteCode(page);
  await joinWithInvite(teammate.page, { email: `b-${account.email}`, password: account.password }, code);
  await waitForServiceWorker(teammate.page);

  await createVisitor(page, { name: 'Grace Hopper', company: 'Navy' });
  // Well under the 30 s poll: the server's poke brought it.
  await expect(visitorRow(teammate.page, 'Grace Hopper')).toBeVisible({ timeout: 5_000 });
  await createVisitor(teammate.page, { name: 'Alan Turing' });
  await expect(visitorRow(page, 'Alan Turing')).toBeVisible({ timeout: 5_000 });
});

test('offline edits to different fields of one visitor both land, with no dialog', async ({ page, teammate, account, faults, server }) => {
  await twoPeopleWithAVisitor(page, teammate, account);
  const a = { faults, page };
  goOffline(a);
  goOffline(teammate);
  await editVisitor(page, VISITOR, { Company: 'Babbage & Co' });
  await editVisitor(teammate.page, VISITOR, { Phone: '+44 20 7946 0000' });
  // Server state that is not on the device: unavailable offline, and not an error.
  await visitorRow(page, VISITOR).click();
  await expect(page.getByRole('region', { name: 'History' })).toContainText('History is unavailable offline.');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await reconnect(a);
  await reconnect(teammate);

  const both = { Company: 'Babbage & Co', Phone: '+44 20 7946 0000' };
  await expectFields(page, VISITOR, both);
  await expectFields(teammate.page, VISITOR, both);
  await expect(conflictDialog(page)).toHaveCount(0);
  await expect(conflictDialog(teammate.page)).toHaveCount(0);
  expect(await serverRecord(server, account)).toMatchObject({ company: 'Babbage & Co', phone: '+44 20 7946 0000' });
});

test('lists edited on both sides merge: additions kept, removals respected', async ({ page, teammate, account, faults, server }) => {
  await twoPeopleWithAVisitor(page, teammate, account);
  await editVisitor(page, VISITOR, { Interests: 'api' });
  await expectFields(teammate.page, VISITOR, { Interests: 'api' });

  goOffline({ faults });
  goOffline(teammate);
  await editVisitor(page, VISITOR, { Interests: 'api, sso' });
  await editVisitor(teammate.page, VISITOR, { Interests: 'pricing' });
  await reconnect({ faults, page });
  await reconnect(teammate);

  await expectFields(page, VISITOR, { Interests: 'sso, pricing' });
  await expectFields(teammate.page, VISITOR, { Interests: 'sso, pricing' });
  await expect(conflictDialog(teammate.page)).toHaveCount(0);
  expect((await serverRecord(server, account))?.interests).toEqual(['sso', 'pricing']);
});

for (const choice of ['Theirs', 'Mine', 'Custom'] as const) {
  test(`both change the title: the later pusher picks "${choice}" and both devices converge`, async ({ page, teammate, account, faults, server }) => {
    await twoPeopleWithAVisitor(page, teammate, account);
    await bothChangeTheTitle({ faults, page }, teammate);
    const dialog = conflictDialog(teammate.page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(VISITOR);
    const title = dialog.getByRole('radiogroup', { name: 'Title' });
    await expect(title.getByRole('radio', { name: 'Mine' })).toBeChecked();
    await expect(title).toContainText('Head of Research');
    await expect(title).toContainText('CTO');
    await expect(title).toContainText(`changed by ${account.email}`);

    const expected = { Theirs: 'CTO', Mine: 'Head of Research', Custom: 'CTO and Head of Research' }[choice];
    await title.getByRole('radio', { name: choice }).check();
    if (choice === 'Custom') await dialog.getByLabel('Custom Title').fill(expected);
    await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText(expected);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    await expect(syncStatus(teammate.page)).toContainText('All changes synced', { timeout: 20_000 });
    await expectFields(teammate.page, VISITOR, { Title: expected });
    await expectFields(page, VISITOR, { Title: expected });
    expect((await serverRecord(server, account))?.title).toBe(expected);

    // The visitor's history says who changed what.
    await visitorRow(page, VISITOR).click();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history).toContainText(`${account.email} added this visitor`);
    await expect(history).toContainText(`${account.email} changed Title`);
    if (choice !== 'Theirs') await expect(history).toContainText(`b-${account.email} changed Title`);
  });
}

test('"Later" keeps the conflict, and its count, across a reload', async ({ page, teammate, account, faults }) => {
  await twoPeopleWithAVisitor(page, teammate, account);
  await bothChangeTheTitle({ faults, page }, teammate);

  await conflictDialog(teammate.page).getByRole('button', { name: 'Later' }).click();
  await expect(conflictDialog(teammate.page)).toBeHidden();
  await teammate.page.reload();
  await expect(syncStatus(teammate.page)).toContainText('1 conflict');
  await expect(visitorRow(teammate.page, VISITOR)).toContainText('conflict');
  await expect(conflictDialog(teammate.page)).toHaveCount(0);

  // The conflicts list opens it again, and the keyboard alone can settle it.
  await teammate.page.getByRole('list', { name: 'Conflicts' }).getByRole('button', { name: `Resolve conflict: ${VISITOR}` }).click();
  const dialog = conflictDialog(teammate.page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radiogroup', { name: 'Title' }).getByRole('radio', { name: 'Mine' }).focus();
  await teammate.page.keyboard.press('ArrowDown'); // → Theirs
  await expect(dialog.getByRole('radiogroup', { name: 'Title' }).getByRole('radio', { name: 'Theirs' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Apply' }).focus();
  await teammate.page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(syncStatus(teammate.page)).toContainText('All changes synced', { timeout: 20_000 });
  await expectFields(teammate.page, VISITOR, { Title: 'CTO' });
});

for (const outcome of ['Restore my version', 'Accept deletion'] as const) {
  test(`a visitor edited here but deleted by a teammate: "${outcome}"`, async ({ page, teammate, account, faults, server }) => {
    await twoPeopleWithAVisitor(page, teammate, account);
    goOffline({ faults });
    goOffline(teammate);
    await visitorRow(page, VISITOR).click();
    await page.getByRole('form', { name: 'Edit visitor' }).getByRole('button', { name: 'Delete' }).click();
    await editVisitor(teammate.page, VISITOR, { Company: 'Still interested' });

    await reconnect({ faults, page });
    await reconnect(teammate, '1 conflict');
    const dialog = conflictDialog(teammate.page);
    await expect(dialog).toContainText(`deleted by ${account.email}`);
    await expect(dialog).toContainText('Still interested');
    await dialog.getByRole('button', { name: outcome }).click();
    await expect(dialog).toBeHidden();
    await expect(syncStatus(teammate.page)).toContainText('All changes synced', { timeout: 20_000 });

    if (outcome === 'Restore my version') {
      await expect(visitorRow(page, VISITOR)).toBeVisible({ timeout: 10_000 });
      await expectFields(page, VISITOR, { Company: 'Still interested' });
      expect((await serverRecord(server, account))?.company).toBe('Still interested');
    } else {
      await expect(visitorRow(teammate.page, VISITOR)).toHaveCount(0);
      await expect(visitorRow(page, VISITOR)).toHaveCount(0);
      expect(await serverRecord(server, account)).toBeUndefined();
    }
  });
}

test('a visitor deleted here but changed by a teammate: "Keep their version"', async ({ page, teammate, account, faults, server }) => {
  await twoPeopleWithAVisitor(page, teammate, account);
  goOffline({ faults });
  goOffline(teammate);
  await editVisitor(page, VISITOR, { Phone: '+1 555 0100' });
  await visitorRow(teammate.page, VISITOR).click();
  await teammate.page.getByRole('form', { name: 'Edit visitor' }).getByRole('button', { name: 'Delete' }).click();
  await expect(visitorRow(teammate.page, VISITOR)).toHaveCount(0);

  await reconnect({ faults, page });
  await reconnect(teammate, '1 conflict');
  const dialog = conflictDialog(teammate.page);
  await expect(dialog).toContainText('+1 555 0100');
  await expect(dialog.getByRole('button', { name: 'Delete anyway' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep their version' }).click();
  await expect(dialog).toBeHidden();
  await expectFields(teammate.page, VISITOR, { Phone: '+1 555 0100' });
  expect((await serverRecord(server, account))?.phone).toBe('+1 555 0100');
});
