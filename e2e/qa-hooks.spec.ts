import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { signUp, waitForQaHooks, waitForServiceWorker } from './support/app';

/** The scripts the page itself loaded (the service worker's precaching is not the page's). */
const scriptsLoaded = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.endsWith('.js')));

test.describe('a default run (no QA switch)', () => {
  test.use({ qaHooks: false });

  test('has no window.outpostQA once the app has loaded, and never loads the QA module', async ({ page, account }) => {
    await signUp(page, account);
    await waitForServiceWorker(page);
    // A later visit, under the service worker, is the run people get every day.
    await page.reload();
    await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();

    expect(await page.evaluate(() => ({ switchSet: '__OUTPOST_QA__' in window, hooks: 'outpostQA' in window }))).toEqual({
      switchSet: false,
      hooks: false,
    });
    const scripts = await scriptsLoaded(page);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((path) => /qaHooks/.test(path))).toEqual([]);
  });
});

test('with the QA switch the app installs window.outpostQA from a chunk of its own', async ({ page }) => {
  await page.goto('/');
  await waitForQaHooks(page);
  expect(await page.evaluate(() => Object.keys(window.outpostQA!).sort())).toEqual(['createVisitor', 'createVisitors', 'outboxSize', 'syncNow', 'visitorCount']);
  // The name the default run above must not load.
  expect((await scriptsLoaded(page)).filter((path) => /^\/assets\/qaHooks-[\w-]+\.js$/.test(path))).toHaveLength(1);
});
