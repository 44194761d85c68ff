import { test, expect } from './support/fixtures';
import { signUp, syncStatus, waitForQaHooks } from './support/app';
import { serverVisitors } from './support/serverApi';

test('visitors written through window.outpostQA while online reach the server at once, with no "Sync now"', async ({ page, server, account }) => {
  await signUp(page, account);
  await waitForQaHooks(page);
  const held = async () => (await serverVisitors(server.url, account.email, account.password)).map((c) => c.data.name);

  // Any committed write starts a drain: nothing waits for the 30 s timer.
  await page.evaluate(() => window.outpostQA!.createVisitors(200, 'Bulk'));
  await expect.poll(async () => (await held()).length, { message: 'visitors the server holds' }).toBe(200);
  expect((await held()).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `Bulk ${i}`).sort());
  await expect(syncStatus(page)).toContainText('All changes synced');
});
