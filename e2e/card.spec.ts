import { createHash } from 'node:crypto';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { inviteCode, joinWithInvite, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import { serverAttachment, serverVisitors } from './support/serverApi';
import { CARD } from './support/cardImage';
import { localRows } from './support/localDb';
import { ocrLibraryChunk } from './support/cardBuild';
import { expectPhotoShown, field, newVisitorWithCard } from './support/cardForm';

const FROM_CARD = 'From the card — check it';
const TYPED_TITLE = 'Purchasing Manager';

/** The paths this page itself loaded (its own resource timing: not the service worker's precaching). */
const loadedByPage = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));

/** Every URL the profile's pages, workers and service worker asked for. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Presses "Read card" and waits until the reading is done; returns how long that took. */
async function readCard(form: Locator): Promise<number> {
  const started = Date.now();
  await form.getByRole('button', { name: 'Read card' }).click();
  await expect(form.getByRole('progressbar', { name: 'Reading card' })).toBeHidden({ timeout: 60_000 });
  await expect(field(form, 'Name')).toHaveValue(CARD.name);
  return Date.now() - started;
}

async function expectFilledFromCard(form: Locator): Promise<void> {
  const expected = { Name: CARD.name, Company: CARD.company, Email: CARD.email, Phone: CARD.phone };
  for (const [label, value] of Object.entries(expected)) {
    await expect(field(form, label)).toHaveValue(value);
    await expect(field(form, label)).toHaveAccessibleDescription(FROM_CARD);
  }
  await expect(field(form, 'Title')).toHaveValue(TYPED_TITLE);
  await expect(field(form, 'Title')).not.toHaveAccessibleDescription(FROM_CARD);
  await expect(field(form, 'Notes')).toHaveValue(new RegExp(CARD.web.replaceAll('.', '\\.')));
  await expect(form.getByLabel('Capture method').locator('option:checked')).toHaveText('Business card');
}

test('reads a business card photo on the device: fills the empty fields, keeps what was typed, asks nothing of other origins', async ({ context, page, faults, account }) => {
  const requests = recordRequests(context);
  await signUp(page, account);
  await waitForServiceWorker(page);
  // Nothing of the card reader is loaded before someone reads a card, nor is /ocr/ precached.
  expect(requests.filter((url) => url.includes('/ocr/'))).toEqual([]);
  expect(await loadedByPage(page)).not.toContain(ocrLibraryChunk());

  const form = await newVisitorWithCard(page);
  await field(form, 'Title').fill(TYPED_TITLE);
  await expect(form.getByRole('button', { name: 'Read card' })).toBeEnabled();
  const started = Date.now();
  await form.getByRole('button', { name: 'Read card' }).click();
  await expect(form.getByRole('progressbar', { name: 'Reading card' })).toBeVisible();
  await expect(form.getByRole('progressbar', { name: 'Reading card' })).toBeHidden({ timeout: 60_000 });
  await expect(field(form, 'Name')).toHaveValue(CARD.name);
  test.info().annotations.push({ type: 'read card → fields filled (first read, online)', description: `${Date.now() - started} ms` });
  await expectFilledFromCard(form);
  expect(await loadedByPage(page)).toContain(ocrLibraryChunk());

  // Editing a field makes it the person's own.
  await field(form, 'Company').fill('Vantage Robotics');
  await expect(field(form, 'Company')).not.toHaveAccessibleDescription(FROM_CARD);

  const origin = new URL(faults.url).origin;
  expect(requests.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
  const ocr = requests.filter((url) => new URL(url).pathname.startsWith('/ocr/')).map((url) => new URL(url).pathname);
  expect(ocr.some((path) => path.endsWith('/worker.min.js'))).toBe(true);
  expect(ocr.some((path) => /\/tesseract-core(-simd|-relaxedsimd)?-lstm\.wasm\.js$/.test(path))).toBe(true);
  expect(ocr.some((path) => path.endsWith('/eng.traineddata.gz'))).toBe(true);

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(visitorRow(page, CARD.name)).toBeVisible();
});

test('after one read online, reading a card works offline from the service worker cache', async ({ context, page, faults, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  const online = await newVisitorWithCard(page);
  await field(online, 'Title').fill(TYPED_TITLE);
  await readCard(online);
  await online.getByRole('button', { name: 'Cancel' }).click();

  faults.down();
  await context.setOffline(true);
  const before = faults.seen.length;
  await page.reload();
  const form = await newVisitorWithCard(page);
  await field(form, 'Title').fill(TYPED_TITLE);
  const took = await readCard(form);
  test.info().annotations.push({ type: 'read card → fields filled (offline, after a reload)', description: `${took} ms` });
  await expectFilledFromCard(form);
  // Nothing of the reader reached the server (only the browser's own service-worker update checks try).
  expect(faults.seen.slice(before).filter((request) => request.path.startsWith('/ocr/'))).toEqual([]);
  const cached = await page.evaluate(async () => (await (await caches.open('outpost-ocr')).keys()).map((r) => new URL(r.url).pathname));
  expect(cached.some((path) => path.endsWith('/worker.min.js'))).toBe(true);
  expect(cached.some((path) => path.endsWith('/eng.traineddata.gz'))).toBe(true);
  expect(cached.filter((path) => path.includes('tesseract-core'))).toHaveLength(1);
});

test('a card reader that cannot load says so in an alert and loses nothing', async ({ context, page, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  // The first read, with the reader's files unreachable (as offline before its first use).
  await context.route('**/ocr/**', (route) => route.abort('internetdisconnected'));
  const form = await newVisitorWithCard(page);
  await field(form, 'Title').fill(TYPED_TITLE);
  await form.getByRole('button', { name: 'Read card' }).click();
  await expect(form.getByRole('alert')).toContainText('open the app online once', { ignoreCase: true, timeout: 30_000 });
  await expect(field(form, 'Title')).toHaveValue(TYPED_TITLE);
  await expectPhotoShown(form);
  await expect(form.getByRole('button', { name: 'Read card' })).toBeEnabled();

  // Once the files can be had, the same form reads the card.
  await context.unroute('**/ocr/**');
  await readCard(form);
  await expectFilledFromCard(form);
});

test('a card photo added offline reaches the server and the teammate’s device, and stays there offline', async ({ page, faults, server, account, teammate }) => {
  await signUp(page, account);
  const code = await inviteCode(page);
  const b = { email: `b-${account.email}`, password: account.password };
  await joinWithInvite(teammate.page, b, code);
  await Promise.all([waitForServiceWorker(page), waitForServiceWorker(teammate.page)]);

  // Captured with the server unreachable, then the app is reloaded (still unreachable). The
  // photo is a 3000 × 1800 PNG: the app keeps a JPEG at most 1,600 px wide.
  faults.set({ mode: 'down' });
  const form = await newVisitorWithCard(page, 3);
  await field(form, 'Name').fill(CARD.name);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(visitorRow(page, CARD.name)).toContainText('pending');
  await page.reload();
  await expect(visitorRow(page, CARD.name)).toContainText('pending');
  await expect(syncStatus(page)).toContainText('1 pending');

  faults.up();
  await expect(syncStatus(page)).toContainText('All changes synced', { timeout: 40_000 });
  const record = (await serverVisitors(server.url, account.email, account.password)).find((c) => c.data.name === CARD.name);
  const hash = record?.data.cardPhoto;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect.poll(async () => (await serverAttachment(server.url, account, hash!)).status, { timeout: 20_000 }).toBe(200);
  const held = await serverAttachment(server.url, account, hash!);
  expect(createHash('sha256').update(held.bytes).digest('hex')).toBe(hash);
  expect(held.type).toBe('image/jpeg');
  expect(held.bytes.length).toBeLessThanOrEqual(400 * 1024);

  // The photo this device shows is the one the server holds.
  await visitorRow(page, CARD.name).click();
  const mine = page.getByRole('form', { name: 'Edit visitor' });
  await expectPhotoShown(mine);
  const local = (await localRows<{ hash: string; bytes: number[] }>(page, 'attachments')).find((a) => a.hash === hash);
  expect(Buffer.from(local!.bytes).equals(held.bytes)).toBe(true);
  expect(await mine.getByRole('img', { name: 'Business card photo' }).evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([1600, 960]);

  // The teammate sees the photo, and still does offline after a reload.
  await expect(visitorRow(teammate.page, CARD.name)).toContainText('synced', { timeout: 20_000 });
  await visitorRow(teammate.page, CARD.name).click();
  await expectPhotoShown(teammate.page.getByRole('form', { name: 'Edit visitor' }));
  teammate.faults.down();
  await teammate.context.setOffline(true);
  await teammate.page.reload();
  await visitorRow(teammate.page, CARD.name).click();
  const offline = teammate.page.getByRole('form', { name: 'Edit visitor' });
  await expectPhotoShown(offline);
  await expect(offline.getByText('Photo not downloaded yet')).toBeHidden();
});
