import { test, expect } from './support/fixtures';
import { captureWithServerDown, createVisitor, signIn, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import { serverVisitors } from './support/serverApi';

test('an expired session pauses sync, keeps every change, and resumes after signing in again', async ({ context, page, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  // The server no longer knows this device's session (expired, or signed out elsewhere).
  await context.clearCookies();

  await createVisitor(page, { name: 'Katherine Johnson' });
  await expect(page.getByRole('alert')).toContainText('Your session has expired');
  await expect(syncStatus(page)).toContainText('1 pending');
  await expect(visitorRow(page, 'Katherine Johnson')).toContainText('pending');
  expect(await serverVisitors(server.url, account.email, account.password)).toEqual([]);

  await page.getByRole('button', { name: 'Sign in again' }).click();
  await signIn(page, account);

  await expect(syncStatus(page)).toContainText('All changes synced', { timeout: 20_000 });
  await expect(visitorRow(page, 'Katherine Johnson')).toContainText('synced');
  const held = await serverVisitors(server.url, account.email, account.password);
  expect(held.map((c) => c.data.name)).toEqual(['Katherine Johnson']);
});

test('signing out with unsynced changes asks first, and the changes sync after signing in again', async ({ page, faults, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  await captureWithServerDown(page, faults, ['Mary Jackson']);

  // Declining the warning keeps the person signed in.
  const warnings: string[] = [];
  page.once('dialog', (dialog) => {
    warnings.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => warnings).toEqual([expect.stringContaining('1 change has not synced yet')]);
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();

  // Accepting it while the server is unreachable says so, and still keeps the person signed in.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('alert')).toContainText("Can't reach the server to sign out");
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();

  // Online again: signing out and back in, the change is still there and reaches the server.
  faults.up();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, account);
  await expect(visitorRow(page, 'Mary Jackson')).toBeVisible();
  await expect(syncStatus(page)).toContainText('All changes synced', { timeout: 20_000 });
  await expect.poll(async () => (await serverVisitors(server.url, account.email, account.password)).map((c) => c.data.name)).toEqual(['Mary Jackson']);
});
