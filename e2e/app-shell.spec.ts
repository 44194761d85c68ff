import { test, expect } from './support/fixtures';
import { createVisitor, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';

test('the app shell opens with the server unreachable after one earlier visit', async ({ context, page, faults, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  await createVisitor(page, { name: 'Seen Before' });
  await expect(visitorRow(page, 'Seen Before')).toContainText('synced');

  faults.down(); // the whole origin, app shell included
  await page.reload();
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();
  await expect(visitorRow(page, 'Seen Before')).toBeVisible();
  await expect(syncStatus(page)).toContainText('Offline');

  await context.setOffline(true); // and the browser itself offline
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Outpost' })).toBeVisible();
  await createVisitor(page, { name: 'Captured Offline' });
  await expect(syncStatus(page)).toContainText('1 pending');
});
