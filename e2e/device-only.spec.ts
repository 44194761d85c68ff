import { test, expect } from './support/fixtures';
import { captureWithServerDown, signUp, visitorRow } from './support/app';

test('changes kept only on this device for over an hour, in storage the browser may clear, are pointed out', async ({ page, faults, account }) => {
  await page.clock.install();
  await signUp(page, account);
  await captureWithServerDown(page, faults, ['Kept Here', 'Kept Too']);
  // The browser was asked to keep the site's storage at the first capture; a fresh headless profile is refused.
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
  const notice = page.getByRole('alert').filter({ hasText: 'only on this device' });
  await expect(notice).toHaveCount(0);

  await page.clock.fastForward('02:05:00');
  await expect(notice).toContainText('2 changes only on this device for 2 h');
  await expect(notice).toContainText('Connect to the internet so they sync');

  faults.up();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(visitorRow(page, 'Kept Too')).toContainText('synced');
  await expect(notice).toHaveCount(0);
});
