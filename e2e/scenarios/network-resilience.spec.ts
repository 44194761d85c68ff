import { test, expect } from '../support/fixtures';
import { createVisitor, expectConverged, signUp, syncStatus, visitorRow, waitForServiceWorker } from '../support/app';
import { serverRevision } from '../support/convergence';
import { captureUntil, flapping, serverNames } from '../support/scenario';

test('network down: the whole origin unreachable, the app reopened and used offline, all of it lands when it is back', async ({ page, faults, account, server }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  faults.down();
  await page.reload();
  await createVisitor(page, { name: 'Ada Lovelace' });
  await expect(syncStatus(page)).toContainText('Offline');

  faults.up();
  await expectConverged(server, page);
  expect(await serverNames(server, account)).toEqual(['Ada Lovelace']);
});

test('network hang: a push that never answers holds nothing up, and when the connection drops it is sent again', async ({ page, faults, account, server }) => {
  await signUp(page, account);
  faults.set({ mode: 'hang', path: /^\/api\/sync\/push/ });
  await createVisitor(page, { name: 'Ada Lovelace' });
  // Saving does not wait for the network: a second capture commits while the first push hangs.
  await createVisitor(page, { name: 'Grace Hopper' });
  await expect(visitorRow(page, 'Grace Hopper')).toContainText('pending');

  faults.up();
  await expectConverged(server, page);
  expect(await serverNames(server, account)).toEqual(['Ada Lovelace', 'Grace Hopper']);
});

test('network flapping: down and up every 2 s for 20 s while capturing, every visitor lands exactly once', async ({ page, account, server }) => {
  await signUp(page, account);
  const names = await captureUntil(page, flapping(page, { everyMs: 2_000, forMs: 20_000 }), 'Flap');

  await expectConverged(server, page);
  expect(await serverNames(server, account)).toEqual([...names].sort());
  // One create per visitor, one revision each: nothing was applied twice.
  expect(await serverRevision(server, page)).toBe(names.length);
});
