import { test, expect } from './support/fixtures';
import { captureWithServerDown, fireBackgroundSync, signUp, waitForServiceWorker } from './support/app';
import { serverVisitors } from './support/serverApi';

test('the service worker drains the outbox when its sync event fires, with no page open', async ({ context, page, faults, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  await captureWithServerDown(page, faults, ['Drained By Worker']);

  // Only the service worker is left to drain: the app page is closed.
  const blank = await context.newPage();
  await page.close();
  faults.up();
  const pushesBefore = faults.pushes().length;
  await fireBackgroundSync(context, blank, faults.url);

  await expect
    .poll(async () => (await serverVisitors(server.url, account.email, account.password)).map((c) => c.data.name))
    .toEqual(['Drained By Worker']);
  const drained = faults.pushes().slice(pushesBefore).filter((p) => p.outcome === 'up');
  expect(drained.length).toBeGreaterThanOrEqual(1);
  expect(drained.every((p) => p.drainer === 'service-worker')).toBe(true);
});
