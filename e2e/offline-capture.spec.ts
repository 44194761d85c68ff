import { test, expect } from './support/fixtures';
import { captureWithServerDown, createVisitor, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import { serverVisitors } from './support/serverApi';

const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];

test('visitors captured while the server is unreachable survive closing the app and reach the server exactly once', async ({ context, page, faults, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  await captureWithServerDown(page, faults, NAMES);
  await expect(syncStatus(page)).toContainText('Offline');

  // Close the app and open it again, still with no server.
  await page.close();
  const reopened = await context.newPage();
  await reopened.goto('/');
  for (const name of NAMES) await expect(visitorRow(reopened, name)).toContainText('pending');
  await expect(syncStatus(reopened)).toContainText('3 pending');
  expect(await serverVisitors(server.url, account.email, account.password)).toEqual([]);

  // The server comes back; the person does nothing.
  faults.up();
  await expect(syncStatus(reopened)).toContainText('All changes synced', { timeout: 40_000 });
  for (const name of NAMES) await expect(visitorRow(reopened, name)).toContainText('synced');
  const held = await serverVisitors(server.url, account.email, account.password);
  expect(held.map((c) => c.data.name).sort()).toEqual([...NAMES].sort());
});

test('a push whose response is lost after the server committed is replayed without duplicates', async ({ page, faults, server, account }) => {
  await signUp(page, account);
  await captureWithServerDown(page, faults, NAMES);

  faults.set({ mode: 'drop-response', path: /^\/api\/sync\/push/, times: 1 });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(syncStatus(page)).toContainText('All changes synced', { timeout: 40_000 });

  const pushes = faults.pushes();
  expect(pushes.filter((p) => p.outcome === 'drop-response')).toHaveLength(1);
  expect(pushes.filter((p) => p.outcome === 'up').length).toBeGreaterThanOrEqual(1);
  const held = await serverVisitors(server.url, account.email, account.password);
  expect(held.map((c) => c.data.name).sort()).toEqual([...NAMES].sort());
});

test('server errors and rate limits are retried until the changes land', async ({ page, faults, server, account }) => {
  await signUp(page, account);
  faults.set({ mode: 'error-500', path: /^\/api\/sync\/push/, times: 2 });
  // The row, not the status bar: the counts are throttled, so right after a save the bar may
  // still say what it said before it.
  await createVisitor(page, { name: 'Retry Me' });
  await expect(visitorRow(page, 'Retry Me')).toContainText('synced', { timeout: 40_000 });
  faults.set({ mode: 'rate-limit', path: /^\/api\/sync\/push/, times: 1 });
  await createVisitor(page, { name: 'Slow Down' });
  await expect(visitorRow(page, 'Slow Down')).toContainText('synced', { timeout: 40_000 });
  await expect(syncStatus(page)).toContainText('All changes synced');
  expect(faults.pushes().filter((p) => p.outcome === 'error-500')).toHaveLength(2);
  expect(faults.pushes().filter((p) => p.outcome === 'rate-limit')).toHaveLength(1);
  const held = await serverVisitors(server.url, account.email, account.password);
  expect(held.map((c) => c.data.name).sort()).toEqual(['Retry Me', 'Slow Down']);
});
