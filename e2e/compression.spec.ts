import { test, expect } from './support/fixtures';
import { createVisitor, signUp, waitForServiceWorker } from './support/app';

test('the first load comes Brotli-compressed, and its parts loaded later open offline from the precache', async ({ context, page, account }) => {
  const scripts = new Map<string, string | undefined>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.set(new URL(response.url()).pathname, response.headers()['content-encoding']);
  });
  await page.goto('/');
  await expect(page.getByLabel('Email')).toBeEnabled();
  const entry = await page.locator('script[type="module"]').getAttribute('src');
  expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/);
  expect(scripts.get(entry!)).toBe('br');
  // The workspace is a chunk of its own: the sign-in screen did not load it.
  expect([...scripts.keys()].some((path) => path.includes('WorkspaceRoot'))).toBe(false);

  await signUp(page, account);
  await waitForServiceWorker(page);
  await createVisitor(page, { name: 'Ada Offline' });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();
  // Never opened online: their chunks come from the service worker's precache, decoded.
  await page.getByRole('button', { name: 'Export' }).click();
  const exporting = page.getByRole('dialog', { name: 'Export visitors' });
  await expect(exporting.getByRole('button', { name: 'CSV', exact: true })).toBeEnabled();
  await exporting.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Sync details' }).click();
  await expect(page.getByRole('dialog', { name: 'Sync details' }).getByRole('row', { name: /^App version\b/ })).toBeVisible();
});
