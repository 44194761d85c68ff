import AxeBuilder from '@axe-core/playwright';
import { rmSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type Account, type Device } from './support/fixtures';
import { launchProfile } from './support/browser';
import { writeFakeCamera } from './support/fakeCamera';
import { createVisitor, editVisitor, signUp, syncStatus, twoPeopleWith, visitorRow, waitForServiceWorker } from './support/app';

/** Presses Tab until `target` has the focus; fails after `most` presses (the target is not reachable by Tab). */
async function tabTo(page: Page, target: Locator, most = 30): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached by ${most} presses of Tab`);
}

/** axe's serious and critical findings on what the page shows now, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

const VISITOR = 'Ada Lovelace';

test('sign-in, sign-up, the list, the visitor form (new and edit), its history and the export dialog', async ({ page, account }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('radio', { name: "I'm new here" }).check();
  await expect(page.getByLabel('Workspace name')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await signUp(page, account);
  await createVisitor(page, { name: VISITOR, company: 'Analytical Engines' });
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'New visitor' }).click();
  await expect(page.getByRole('form', { name: 'New visitor' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('form', { name: 'New visitor' }).getByRole('button', { name: 'Cancel' }).click();

  await visitorRow(page, VISITOR).click();
  await expect(page.getByRole('region', { name: 'History' })).toContainText('added this visitor');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('form', { name: 'Edit visitor' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Export visitors' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe('with a camera', () => {
  test.use({
    context: async ({ faults }, use, testInfo) => {
      const camera = writeFakeCamera(testInfo.outputPath('camera.y4m'), null);
      const { context, dispose } = await launchProfile(faults.url, { qaHooks: false, fakeCamera: camera });
      await use(context);
      await dispose();
      rmSync(camera, { force: true });
    },
  });

  test('the scan-badge dialog', async ({ page, account }) => {
    await signUp(page, account);
    await page.getByRole('button', { name: 'Scan badge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scan badge' });
    await expect(dialog.getByRole('status')).toHaveText('Hold the code on the badge in front of the camera.');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test('the sync details panel', async ({ page, account }) => {
  await signUp(page, account);
  await createVisitor(page, { name: 'Ada Lovelace' });
  await expect(visitorRow(page, 'Ada Lovelace')).toContainText('synced');
  await page.getByRole('button', { name: 'Sync details' }).click();
  await expect(page.getByRole('dialog', { name: 'Sync details' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the update prompt', async ({ page, faults, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  faults.deploy();
  await page.reload();
  await expect(page.getByRole('alertdialog', { name: 'Update available' })).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);
});

test('a visitor captured by keyboard alone', async ({ page, account }) => {
  await signUp(page, account);
  await page.getByRole('button', { name: 'New visitor' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New visitor' });
  await expect(form).toBeVisible();
  // Tab until the Name field has the focus, then type, and Tab on to Company.
  await tabTo(page, form.getByLabel('Name'));
  await page.keyboard.type('Grace Hopper');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Company')).toBeFocused();
  await page.keyboard.type('US Navy');
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(visitorRow(page, 'Grace Hopper')).toContainText('US Navy');
});

/** Two people change one visitor's title offline; B, the later pusher, has a conflict. */
async function aConflictForTheTeammate(page: Page, teammate: Device, account: Account, faults: Device['faults']): Promise<void> {
  await twoPeopleWith(page, teammate, account, VISITOR);
  faults.set({ mode: 'down' });
  teammate.faults.set({ mode: 'down' });
  await editVisitor(page, VISITOR, { Title: 'CTO' });
  await editVisitor(teammate.page, VISITOR, { Title: 'Head of Research' });
  await expect(syncStatus(page)).toContainText('1 pending');
  faults.up();
  await expect(syncStatus(page)).toContainText('All changes synced', { timeout: 20_000 });
  await expect(syncStatus(teammate.page)).toContainText('1 pending');
  teammate.faults.up();
  await expect(syncStatus(teammate.page)).toContainText('1 conflict', { timeout: 20_000 });
}

test('the conflict dialog, resolved by keyboard alone', async ({ page, teammate, account, faults }) => {
  await aConflictForTheTeammate(page, teammate, account, faults);
  const dialog = teammate.page.getByRole('dialog', { name: 'Resolve conflict' });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(teammate.page)).toEqual([]);

  // Tab to the Title choices (the checked radio takes the focus), arrow to "Theirs", Tab to Apply.
  const title = dialog.getByRole('radiogroup', { name: 'Title' });
  await tabTo(teammate.page, title.getByRole('radio', { name: 'Mine' }));
  await teammate.page.keyboard.press('ArrowDown');
  await expect(title.getByRole('radio', { name: 'Theirs' })).toBeChecked();
  await tabTo(teammate.page, dialog.getByRole('button', { name: 'Apply' }));
  await teammate.page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(syncStatus(teammate.page)).toContainText('All changes synced', { timeout: 20_000 });
  await visitorRow(teammate.page, VISITOR).focus();
  await teammate.page.keyboard.press('Enter');
  await expect(teammate.page.getByRole('form', { name: 'Edit visitor' }).getByLabel('Title', { exact: true })).toHaveValue('CTO');
});

test('the possible-duplicate notice and the merge dialog', async ({ page, account }) => {
  await signUp(page, account);
  for (const name of [VISITOR, 'Ada King']) {
    await page.getByRole('button', { name: 'New visitor' }).click();
    const form = page.getByRole('form', { name: 'New visitor' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill('ada@example.com');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();
  }
  await expect(visitorRow(page, VISITOR)).toContainText('Possible duplicate');
  expect(await seriousViolations(page)).toEqual([]);

  await visitorRow(page, VISITOR).click();
  const notice = page.getByRole('group', { name: 'Possible duplicate' });
  await expect(notice).toContainText('Ada King');
  expect(await seriousViolations(page)).toEqual([]);
  await notice.getByRole('button', { name: 'Merge duplicates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge duplicates' });
  await expect(dialog.getByRole('table', { name: 'Both records' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
