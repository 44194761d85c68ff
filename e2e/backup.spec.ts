import { readFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures';
import { captureWithServerDown, signIn, signUp, visitorRow } from './support/app';
import { serverVisitors } from './support/serverApi';

test('a backup made offline restores into a fresh device, and nothing is duplicated when the first device syncs too', async ({ page, faults, teammate, server, account }) => {
  await signUp(page, account);
  await captureWithServerDown(page, faults, ['Backed Up One', 'Backed Up Two']);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export visitors' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download a backup' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^outpost-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(dialog.getByRole('status')).toHaveText('Backup of 2 visitors downloaded.');
  const backup = await readFile((await file.path())!);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Another device, a fresh profile: restoring the file queues the visitors, which reach the server.
  await teammate.page.goto('/');
  await signIn(teammate.page, account);
  await teammate.page.getByRole('button', { name: 'Export' }).click();
  const restoring = teammate.page.getByRole('dialog', { name: 'Export visitors' });
  await restoring.getByLabel('Restore a backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
  await expect(restoring.getByRole('status')).toHaveText('2 visitors restored.');
  await restoring.getByLabel('Restore a backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
  await expect(restoring.getByRole('status')).toHaveText('0 visitors restored; 2 visitors already on this device.');
  await restoring.getByRole('button', { name: 'Close' }).click();
  await expect(visitorRow(teammate.page, 'Backed Up Two')).toContainText('synced');

  // The first device comes back: its own creates of the same visitors add nothing.
  faults.up();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(visitorRow(page, 'Backed Up One')).toContainText('synced');
  await expect(visitorRow(page, 'Backed Up Two')).toContainText('synced');
  const held = await serverVisitors(server.url, account.email, account.password);
  expect(held.map((c) => c.data.name).sort()).toEqual(['Backed Up One', 'Backed Up Two']);

  // A file that is not a backup is refused in words.
  await teammate.page.getByRole('button', { name: 'Export' }).click();
  await restoring.getByLabel('Restore a backup').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(restoring.getByRole('alert')).toHaveText('This file is not an Outpost backup (it is not JSON).');
});
