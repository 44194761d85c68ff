import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/browser';

/**
 * Another site (127.0.0.1 is not the same site as the app's localhost) trying to use a signed-in
 * person's browser against Outpost. A plain browser, not the app's profile fixture: the framing
 * test makes Chromium report a CSP refusal, which the fixture counts as a failure.
 */
let browser: Browser, evil: Server, evilUrl: string;
const evilPages = new Map<string, string>();

test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  evil = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(evilPages.get(req.url ?? '/') ?? 'nothing here');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await browser.close();
  await new Promise((resolve) => evil.close(resolve));
});

/** A browser context signed in to the app at `appUrl` as a new person. */
async function signedIn(appUrl: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: appUrl });
  const answer = await context.request.post('/api/auth/signup', {
    data: { email, password: 'correct horse battery', workspaceName: 'Booth' },
  });
  expect(answer.status()).toBe(201);
  return context;
}

test('a page on another site cannot sign a person out with a text/plain form', async ({ faults, account }) => {
  evilPages.set(
    '/prize',
    `<form method="post" action="${faults.url}/api/auth/logout" enctype="text/plain">
       <input type="hidden" name='{"a":"' value='"}'><button>Claim your prize</button>
     </form>`,
  );
  const context = await signedIn(faults.url, account.email);
  const page = await context.newPage();
  await page.goto(`${evilUrl}/prize`);
  const answer = page.waitForResponse(`${faults.url}/api/auth/logout`);
  await page.getByRole('button', { name: 'Claim your prize' }).click();
  expect((await answer).status()).toBe(403);

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();
  expect((await context.request.get('/api/auth/me')).status()).toBe(200);
  await context.close();
});

test('the app refuses to be shown in another site’s frame', async ({ faults, account }) => {
  evilPages.set('/frame', `<h1>Totally Outpost</h1><iframe title="Outpost" src="${faults.url}/"></iframe>`);
  const context = await signedIn(faults.url, account.email);
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (message) => refusals.push(message.text()));
  await page.goto(`${evilUrl}/frame`);
  await expect.poll(() => refusals.some((text) => text.includes("frame-ancestors 'none'"))).toBe(true);
  await expect(page.frameLocator('iframe').getByRole('button', { name: 'New visitor' })).toHaveCount(0);
  await context.close();
});
