import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { signIn, signUp } from './support/app';

/** The sign-in form's answer to the last attempt, once it has come. */
async function answerTo(page: Page, attempt: { email: string; password: string }) {
  await signIn(page, attempt);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  return page.getByRole('alert').filter({ hasText: /incorrect|Too many attempts/ });
}

test('after 5 wrong passwords the sign-in form says when to try again, and refuses even the right one', async ({ page, account }) => {
  await signUp(page, account);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  for (let i = 1; i <= 5; i++) {
    await expect(await answerTo(page, { email: account.email, password: `wrong guess ${i}` })).toHaveText('Email or password is incorrect');
  }
  await expect(await answerTo(page, { email: account.email, password: 'wrong guess 6' })).toHaveText(
    'Too many attempts. Try again in 5 minutes.',
  );
  await expect(await answerTo(page, account)).toHaveText('Too many attempts. Try again in 5 minutes.');
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeHidden();
});
