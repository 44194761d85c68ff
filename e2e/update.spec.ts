import { test, expect } from './support/fixtures';
import { captureWithServerDown, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import { serverVisitors } from './support/serverApi';

test('a new version waits for the person to accept it, and updating keeps unsynced changes', async ({ page, faults, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  await captureWithServerDown(page, faults, ['Dorothy Vaughan']);

  // A deploy while the person works: the next visit finds it, and it waits to be accepted.
  faults.deploy();
  await page.reload();
  const prompt = page.getByRole('alertdialog', { name: 'Update available' });
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await expect(prompt).toContainText('Your unsynced changes are kept');
  const waitingBefore = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);
  expect(waitingBefore).toBe(true);

  // The new version takes over and the page reloads under it.
  const reloaded = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await prompt.getByRole('button', { name: 'Update now' }).click();
  await reloaded;
  await page.waitForLoadState('load');
  await expect(prompt).toBeHidden();
  const afterUpdate = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { waiting: registration.waiting !== null, controlled: navigator.serviceWorker.controller !== null };
  });
  expect(afterUpdate).toEqual({ waiting: false, controlled: true });
  await expect(visitorRow(page, 'Dorothy Vaughan')).toContainText('pending');
  await expect(syncStatus(page)).toContainText('1 pending');

  faults.up();
  await expect(syncStatus(page)).toContainText('All changes synced', { timeout: 40_000 });
  const held = await serverVisitors(server.url, account.email, account.password);
  expect(held.map((c) => c.data.name)).toEqual(['Dorothy Vaughan']);
});
