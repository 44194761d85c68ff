import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { joinWithInvite, signUp } from './support/app';

/** Presses "Invite a teammate" and reads the new code (not the one shown before). */
async function newInviteCode(page: Page, before?: string): Promise<string> {
  await page.getByRole('button', { name: 'Invite a teammate' }).click();
  const code = page.getByRole('status').getByLabel('Invite code');
  await expect(code).toHaveText(/^[0-9A-Z]{10}$/);
  if (before) await expect(code).not.toHaveText(before);
  return (await code.textContent())!.trim();
}

/** Fills in the sign-up form to join with `code` and submits it, whatever the answer. */
async function tryToJoin(page: Page, email: string, code: string): Promise<Locator> {
  await page.goto('/');
  await page.getByRole('radio', { name: "I'm new here" }).check();
  await page.getByRole('radio', { name: 'Join with an invite code' }).check();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('textbox', { name: 'Invite code' }).fill(code);
  await page.getByRole('button', { name: 'Create account' }).click();
  return page.getByRole('alert').filter({ hasText: 'invite code' });
}

test('invites are listed, a revoked one admits nobody, and each works once', async ({ page, teammate, account }) => {
  await signUp(page, account);
  const revoked = await newInviteCode(page);
  const kept = await newInviteCode(page, revoked);

  await page.getByRole('button', { name: 'Open invites' }).click();
  const open = page.getByRole('list', { name: 'Open invites' });
  await expect(open.getByRole('listitem')).toHaveCount(2);
  await expect(open).toContainText(account.email);
  await open.getByRole('button', { name: `Revoke invite ${revoked}` }).click();
  await expect(open.getByRole('listitem')).toHaveCount(1);
  await expect(open.getByRole('button', { name: `Revoke invite ${kept}` })).toBeVisible();

  const refused = await tryToJoin(teammate.page, `b-${account.email}`, revoked);
  await expect(refused).toHaveText('This invite code is not valid or has expired');

  await joinWithInvite(teammate.page, { email: `b-${account.email}`, password: account.password }, kept);
  await expect(teammate.page.getByText(account.workspaceName)).toBeVisible();
  // Closed and opened again, the list is fetched afresh: the used invite is gone from it.
  await page.getByRole('button', { name: 'Open invites' }).click();
  await page.getByRole('button', { name: 'Open invites' }).click();
  await expect(page.getByText('No open invites.')).toBeVisible();

  await teammate.page.getByRole('button', { name: 'Sign out' }).click();
  // Signed out once the sign-in screen shows (a navigation before would cut the sign-out short).
  await expect(teammate.page.getByRole('radio', { name: "I'm new here" })).toBeVisible();
  const usedUp = await tryToJoin(teammate.page, `c-${account.email}`, kept);
  await expect(usedUp).toHaveText('This invite code is not valid or has expired');
});
