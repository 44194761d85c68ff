import { test, expect } from '../support/fixtures';
import { expectConverged, inviteCode, joinWithInvite, signUp, syncStatus, waitForQaHooks } from '../support/app';
import { offline, online } from '../support/scenario';

const COUNT = 3000;

test('chunked sync of a large dataset: 3,000 offline captures go in batches under a progress bar, and a new device pulls them in pages', async ({ page, faults, teammate, account, server }) => {
  await signUp(page, account);
  await waitForQaHooks(page);
  await offline(page);
  await page.evaluate((n) => window.outpostQA!.createVisitors(n, 'Bulk'), COUNT);
  await expect(syncStatus(page)).toContainText(`${COUNT} pending`);

  // Each request takes a little longer than usual, so the bar is there to be seen.
  faults.set({ mode: 'up', latencyMs: 150 });
  await online(page);
  await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible();
  await expectConverged(server, page);
  await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toBeHidden();
  expect(faults.exchanges.map((e) => e.request.ops.length).every((n) => n <= 500)).toBe(true);
  expect(faults.exchanges.reduce((sum, e) => sum + e.request.ops.length, 0)).toBe(COUNT);

  await joinWithInvite(teammate.page, { email: `b-${account.email}`, password: account.password }, await inviteCode(page));
  await expectConverged(server, page, teammate);
  expect(teammate.faults.seen.filter((r) => r.path.startsWith('/api/sync/pull') && r.outcome === 'up').length).toBeGreaterThanOrEqual(2);
});
