import { test, expect } from '../support/fixtures';
import { captureWithServerDown, createVisitor, expectConverged, fireBackgroundSync, signUp, syncStatus, waitForServiceWorker } from '../support/app';
import { opIdsPushed, serverNames } from '../support/scenario';

test('two tabs and the service worker drain at once: every change is sent once and applied once', async ({ context, page, faults, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  const second = await context.newPage();
  await second.goto('/');
  await captureWithServerDown(page, faults, ['Ada Lovelace', 'Grace Hopper']);
  await createVisitor(second, { name: 'Alan Turing' });
  await createVisitor(second, { name: 'Hedy Lamarr' });
  await expect(syncStatus(second)).toContainText('4 pending');

  faults.up();
  const syncNow = (tab: typeof page) => tab.getByRole('button', { name: 'Sync now' }).click();
  await Promise.all([syncNow(page), syncNow(second), fireBackgroundSync(context, page, faults.url)]);
  await expectConverged(server, page, second);
  expect(await serverNames(server, account)).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Hedy Lamarr']);
  expect(new Set(opIdsPushed(faults)).size).toBe(4);
  expect(opIdsPushed(faults)).toHaveLength(4);
});
