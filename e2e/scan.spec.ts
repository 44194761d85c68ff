import { readFileSync, rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test as base, expect } from './support/fixtures';
import { launchProfile } from './support/browser';
import { qrPng, writeFakeCamera } from './support/fakeCamera';
import { signUp, visitorRow, waitForServiceWorker } from './support/app';

// Folded TITLE line, escaped comma in ORG, a work and a mobile number: the mobile is the phone.
const VCARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Lovelace;Ada;;;',
  'FN:Ada Lovelace',
  'ORG:Analytical Engines\\, Ltd.',
  'TITLE:Head of Research and Dev',
  ' elopment',
  'EMAIL;TYPE=WORK:ada@engines.example',
  'TEL;TYPE=WORK,VOICE:+44 20 7946 0001',
  'TEL;TYPE=CELL:+44 7700 900123',
  'END:VCARD',
].join('\r\n');
const MECARD = 'MECARD:N:Hopper,Grace;ORG:US Navy;TITLE:Rear Admiral;TEL:+1 202 555 0143;EMAIL:grace@navy.example;NOTE:Bring COBOL;;';
const URL_CODE = 'https://tickets.example.com/badge/8842';

const SCANNER_CHUNK = /\/assets\/ScanBadgeDialog-[\w-]+\.js$/;
const DECODER_CHUNK = /\/assets\/zxingDetector-[\w-]+\.js$/;
const DECODER_WASM = /\/assets\/zxing_reader-[\w-]+\.wasm$/;

declare global {
  interface Window {
    /** Every stream getUserMedia gave the page (recorded by an init script below). */
    __cameraStreams?: MediaStream[];
  }
}

/** What the profile's camera shows: a QR code of `code`, plain white (null), or no camera at all. */
type Camera = { code: string | null } | 'refused';

const test = base.extend<{ camera: Camera }>({
  camera: [{ code: null }, { option: true }],
  context: async ({ faults, camera }, use, testInfo) => {
    const fakeCamera = camera === 'refused' ? undefined : writeFakeCamera(testInfo.outputPath('camera.y4m'), camera.code);
    const { context, dispose } = await launchProfile(faults.url, { qaHooks: false, fakeCamera });
    if (camera === 'refused') {
      await context.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
    }
    await context.addInitScript(() => {
      const media = navigator.mediaDevices;
      const open = media.getUserMedia.bind(media);
      const streams: MediaStream[] = (window.__cameraStreams = []);
      media.getUserMedia = async (constraints) => {
        const stream = await open(constraints);
        streams.push(stream);
        return stream;
      };
    });
    await use(context);
    await dispose();
    // 14 MB each, and written again from the code on every run.
    if (fakeCamera) rmSync(fakeCamera, { force: true });
  },
});

/** Where headless Chromium has a native BarcodeDetector, hide it, so the bundled decoder runs. */
const withoutNativeDetector = () => {
  delete (window as { BarcodeDetector?: unknown }).BarcodeDetector;
};

/** Opens "Scan badge". A camera that shows a code may close it again at once: no visibility check here. */
async function openScanDialog(page: Page) {
  await page.getByRole('button', { name: 'Scan badge' }).click();
  return page.getByRole('dialog', { name: 'Scan badge' });
}

/** Every camera track the page opened has ended (at least one was opened). */
async function expectCameraStopped(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const tracks = (window.__cameraStreams ?? []).flatMap((stream) => stream.getTracks());
        return { opened: tracks.length > 0, live: tracks.filter((track) => track.readyState !== 'ended').length };
      }),
    )
    .toEqual({ opened: true, live: 0 });
}

function newVisitorForm(page: Page) {
  return page.getByRole('form', { name: 'New visitor' });
}

test.describe('a vCard badge', () => {
  test.use({ camera: { code: VCARD } });

  test('fills a new visitor with the bundled decoder, loaded on first use from Outpost itself, and saving creates it', async ({ context, page, faults, account }) => {
    await context.addInitScript(withoutNativeDetector);
    const requests: { url: string; byPage: boolean }[] = [];
    context.on('request', (request) => requests.push({ url: request.url(), byPage: request.serviceWorker() === null }));

    await signUp(page, account);
    await waitForServiceWorker(page);
    // The service worker precaches the scanner's JavaScript; the page has not loaded it, and nobody has the wasm.
    expect(requests.filter((r) => r.byPage && (SCANNER_CHUNK.test(r.url) || DECODER_CHUNK.test(r.url)))).toEqual([]);
    expect(requests.filter((r) => DECODER_WASM.test(r.url))).toEqual([]);

    await openScanDialog(page);
    const form = newVisitorForm(page);
    await expect(form).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Scan badge' })).toBeHidden();
    await expect(form.getByLabel('Name')).toHaveValue('Ada Lovelace');
    await expect(form.getByLabel('Company')).toHaveValue('Analytical Engines, Ltd.');
    await expect(form.getByLabel('Title')).toHaveValue('Head of Research and Development');
    await expect(form.getByLabel('Email')).toHaveValue('ada@engines.example');
    await expect(form.getByLabel('Phone')).toHaveValue('+44 7700 900123');
    await expect(form.getByLabel('Notes')).toHaveValue('Work phone: +44 20 7946 0001');
    await expect(form.getByLabel('Capture method')).toHaveValue('event-badge');
    await expect(form.getByLabel('Capture method').locator('option:checked')).toHaveText('Event badge');
    await expectCameraStopped(page);

    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    expect(requests.filter((r) => r.byPage && SCANNER_CHUNK.test(r.url))).toHaveLength(1);
    expect(requests.filter((r) => r.byPage && DECODER_CHUNK.test(r.url))).toHaveLength(1);
    const wasm = requests.filter((r) => DECODER_WASM.test(r.url)).map((r) => new URL(r.url));
    expect(wasm.length).toBeGreaterThan(0);
    for (const url of wasm) expect(url.origin).toBe(faults.url);
    const origins = new Set(requests.map((r) => new URL(r.url)).filter((u) => u.protocol.startsWith('http')).map((u) => u.origin));
    expect([...origins]).toEqual([faults.url]);

    // Nothing is saved until the person saves.
    await expect(page.getByRole('list', { name: 'Visitors' }).getByRole('button')).toHaveCount(0);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();
    await expect(visitorRow(page, 'Ada Lovelace')).toBeVisible();
  });
});

test.describe('a MECARD badge', () => {
  test.use({ camera: { code: MECARD } });

  test('fills its fields', async ({ page, account }) => {
    await signUp(page, account);
    await openScanDialog(page);
    const form = newVisitorForm(page);
    await expect(form.getByLabel('Name')).toHaveValue('Grace Hopper');
    await expect(form.getByLabel('Company')).toHaveValue('US Navy');
    await expect(form.getByLabel('Title')).toHaveValue('Rear Admiral');
    await expect(form.getByLabel('Email')).toHaveValue('grace@navy.example');
    await expect(form.getByLabel('Phone')).toHaveValue('+1 202 555 0143');
    await expect(form.getByLabel('Notes')).toHaveValue('Bring COBOL');
    await expect(form.getByLabel('Capture method')).toHaveValue('event-badge');
    await expectCameraStopped(page);
  });
});

test.describe('a badge with a plain URL', () => {
  test.use({ camera: { code: URL_CODE } });

  test('puts the URL in Notes and leaves Name empty', async ({ page, account }) => {
    await signUp(page, account);
    await openScanDialog(page);
    const form = newVisitorForm(page);
    await expect(form.getByLabel('Notes')).toHaveValue(URL_CODE);
    await expect(form.getByLabel('Name')).toHaveValue('');
    await expect(form.getByLabel('Capture method')).toHaveValue('event-badge');
  });

  test('still scans with the server unreachable, once the dialog was used online', async ({ context, page, faults, account }) => {
    await context.addInitScript(withoutNativeDetector);
    await signUp(page, account);
    await waitForServiceWorker(page);
    await openScanDialog(page);
    await expect(newVisitorForm(page).getByLabel('Notes')).toHaveValue(URL_CODE);
    await newVisitorForm(page).getByRole('button', { name: 'Cancel' }).click();
    // The service worker stores the wasm as it answers the page; wait until it is stored.
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open('outpost-barcode')).keys()).map((r) => new URL(r.url).pathname)))
      .toEqual([expect.stringMatching(DECODER_WASM)]);

    faults.down();
    await page.reload();
    const reachedProxy = faults.seen.length;
    const decoder: { path: string; fromServiceWorker: boolean }[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (DECODER_WASM.test(pathname) || DECODER_CHUNK.test(pathname)) decoder.push({ path: pathname, fromServiceWorker: response.fromServiceWorker() });
    });
    await openScanDialog(page);
    await expect(newVisitorForm(page).getByLabel('Notes')).toHaveValue(URL_CODE);
    // Both came from the service worker's caches (not the HTTP cache), and none reached the proxy.
    expect(decoder).toEqual([
      { path: expect.stringMatching(DECODER_CHUNK), fromServiceWorker: true },
      { path: expect.stringMatching(DECODER_WASM), fromServiceWorker: true },
    ]);
    expect(faults.seen.slice(reachedProxy).filter((r) => DECODER_WASM.test(r.path) || DECODER_CHUNK.test(r.path))).toEqual([]);
  });
});

test.describe('with the camera refused', () => {
  test.use({ camera: 'refused' });

  test('says so, and "Scan from photo" reads a picked photo instead', async ({ page, account }) => {
    await signUp(page, account);
    const dialog = await openScanDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveText(
      'The camera is not available: permission to use it was refused. Pick a photo of the badge instead.',
    );
    await expect(dialog.getByLabel('Camera preview')).toBeHidden();

    // A photo without a code (the app's icon) says so, and the dialog stays open.
    const photo = dialog.getByLabel('Scan from photo');
    await photo.setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: readFileSync('public/icons/icon-192.png') });
    await expect(dialog.getByRole('alert').filter({ hasText: 'No code was found in that photo.' })).toBeVisible();

    await photo.setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: await qrPng(MECARD) });
    await expect(dialog).toBeHidden();
    const form = newVisitorForm(page);
    await expect(form.getByLabel('Name')).toHaveValue('Grace Hopper');
    await expect(form.getByLabel('Email')).toHaveValue('grace@navy.example');
    await expect(form.getByLabel('Capture method')).toHaveValue('event-badge');
  });
});

test.describe('with a camera that sees no code', () => {
  test.use({ camera: { code: null } });

  test('Cancel closes the dialog and stops the camera', async ({ page, account }) => {
    await signUp(page, account);
    const dialog = await openScanDialog(page);
    await expect(dialog).toBeVisible();
    const video = dialog.getByLabel('Camera preview');
    await expect(video).toBeVisible();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA)).toBe(true);
    await expect(dialog.getByRole('status')).toHaveText('Hold the code on the badge in front of the camera.');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expectCameraStopped(page);
    await expect(newVisitorForm(page)).toBeHidden();
  });
});
