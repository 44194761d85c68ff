import { test, expect } from '../support/fixtures';
import { captureWithServerDown, expectConverged, fireBackgroundSync, signUp, waitForServiceWorker } from '../support/app';
import { originPageWithoutApp, serverNames } from '../support/scenario';

test('background sync: with every app page closed, the service worker drains the outbox when its sync event fires', async ({ context, page, faults, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  await captureWithServerDown(page, faults, ['Ada Lovelace', 'Grace Hopper']);
  const blank = await context.newPage();
  await page.close();
  faults.up();
  const mark = faults.seen.length;
  await fireBackgroundSync(context, blank, faults.url);

  await expectConverged(server, await originPageWithoutApp(context));
  expect(await serverNames(server, account)).toEqual(['Ada Lovelace', 'Grace Hopper']);
  const pushes = faults.seen.slice(mark).filter((r) => r.path.startsWith('/api/sync/push'));
  expect(pushes.map((r) => r.drainer)).toEqual(pushes.map(() => 'service-worker'));
});
