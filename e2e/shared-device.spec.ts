import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { createVisitor, fireBackgroundSync, joinWithInvite, signIn, signUp, syncStatus, visitorRow, waitForQaHooks, waitForServiceWorker } from './support/app';
import { serverHistoryAuthors, serverInvite, serverVisitors } from './support/serverApi';
import { localRows } from './support/localDb';

/** The ids of the visitors with these names, as this device's database holds them. */
async function localIds(page: Page, names: string[]): Promise<(string | undefined)[]> {
  const rows = await localRows<{ id: string; data: { name: string } }>(page, 'visitors');
  return names.map((name) => rows.find((r) => r.data.name === name)?.id);
}

test('on a shared booth tablet each person’s changes reach the server as theirs, never under another’s session', async ({
  context,
  page,
  faults,
  server,
  account,
}) => {
  const ada = account;
  const bo = { email: ada.email.replace('qa-', 'qa-bo-'), password: 'another horse battery' };
  const adaNames = ['Ada Visitor 1', 'Ada Visitor 2', 'Ada Visitor 3'];

  // Ada signs up and invites Bo to her workspace; then the booth loses the sync API (signing in
  // and out still reach the server).
  await signUp(page, ada);
  await waitForServiceWorker(page);
  const code = await serverInvite(server.url, ada);
  faults.set({ mode: 'down', path: /^\/api\/sync\// });
  for (const name of adaNames) await createVisitor(page, { name });
  await expect(syncStatus(page)).toContainText('3 pending');
  const adaIds = (await localIds(page, adaNames)) as string[];
  expect(adaIds.every(Boolean)).toBe(true);

  // Ada signs out, accepting that her changes have not synced; Bo signs in on the same tablet.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('radio', { name: "I'm new here" })).toBeVisible();
  await joinWithInvite(page, bo, code);
  await expect(visitorRow(page, adaNames[0]!)).toBeVisible(); // the data stays on the device
  await createVisitor(page, { name: 'Bo Visitor' });

  // Only the service worker is left to drain, with Bo's cookie: it sends Bo's visitor alone.
  const blank = await context.newPage();
  await page.close();
  faults.up();
  const pushesBefore = faults.pushes().length;
  await fireBackgroundSync(context, blank, faults.url);
  await expect.poll(async () => (await serverVisitors(server.url, bo.email, bo.password)).map((c) => c.data.name)).toEqual(['Bo Visitor']);
  expect(faults.pushes().slice(pushesBefore).filter((p) => p.outcome === 'up').every((p) => p.drainer === 'service-worker')).toBe(true);

  // The app again, online, as Bo: his visitor is synced; Ada's wait for her.
  const app = await context.newPage();
  await app.goto('/');
  await expect(visitorRow(app, 'Bo Visitor')).toContainText('synced', { timeout: 20_000 });
  await expect(syncStatus(app)).toContainText(`3 changes by ${ada.email} wait for them to sign in`);
  // The page's own drain, as Bo, succeeds and sends nothing of Ada's either.
  await waitForQaHooks(app);
  expect(await app.evaluate(() => window.outpostQA!.syncNow())).toBe(true);
  await expect(syncStatus(app)).toContainText(`3 changes by ${ada.email} wait for them to sign in`);
  for (const id of adaIds) expect(await serverHistoryAuthors(server.url, bo, id)).toBeNull();
  expect((await serverVisitors(server.url, bo.email, bo.password)).map((c) => c.data.name)).toEqual(['Bo Visitor']);

  // Bo signs out (Ada's changes are still unsynced: the warning again); Ada signs in, and hers go, as hers.
  app.once('dialog', (dialog) => void dialog.accept());
  await app.getByRole('button', { name: 'Sign out' }).click();
  await signIn(app, ada);
  await expect(syncStatus(app)).toContainText('All changes synced', { timeout: 20_000 });
  await expect
    .poll(async () => (await serverVisitors(server.url, ada.email, ada.password)).map((c) => c.data.name).sort())
    .toEqual([...adaNames, 'Bo Visitor'].sort());
  for (const id of adaIds) expect(await serverHistoryAuthors(server.url, ada, id)).toEqual([ada.email]);
  const [boId] = (await localIds(app, ['Bo Visitor'])) as string[];
  expect(await serverHistoryAuthors(server.url, ada, boId!)).toEqual([bo.email]);
});
