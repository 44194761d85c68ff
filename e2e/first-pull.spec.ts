import { test, expect } from './support/fixtures';
import { signIn, syncStatus, visitorRow } from './support/app';
import { seedVisitors, signUpByApi } from './support/seedVisitors';

const COUNT = 6000;

test('a fresh device downloading a large workspace shows "Downloading visitors" with the server’s count, and the bar goes when done', async ({ page, faults, account, server }) => {
  await signUpByApi(server.url, account);
  await seedVisitors(server.url, account, COUNT);
  // Each pull page takes a little longer than usual, so the bar is there to be seen.
  faults.set({ mode: 'up', latencyMs: 300 });

  await page.goto('/');
  await signIn(page, account);
  const bar = page.getByRole('progressbar', { name: 'Downloading visitors' });
  await expect(bar).toBeVisible();
  // The total is what the server counted, from the first page on.
  await expect(bar).toHaveAttribute('max', String(COUNT));
  await expect(page.getByText(`${COUNT.toLocaleString('en-US')} visitors ·`)).toBeVisible({ timeout: 60_000 });
  await expect(bar).toBeHidden();
  await expect(syncStatus(page)).toContainText('All changes synced');
  await expect(visitorRow(page, `Visitor ${COUNT - 1}`).or(visitorRow(page, 'Visitor 0')).first()).toBeVisible();
});
