import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { signUp, waitForServiceWorker } from './support/app';

interface ManifestImage {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
  form_factor?: string;
}

interface Manifest {
  id: string;
  icons: ManifestImage[];
  screenshots: ManifestImage[];
  shortcuts: { name: string; url: string }[];
}

async function manifestOf(page: Page): Promise<Manifest> {
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const response = await page.request.get(href!);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Manifest;
}

/** Draws the image in the page and reports its size and whether every pixel is opaque. */
async function imageFacts(page: Page, src: string) {
  return page.evaluate(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, image.naturalWidth, image.naturalHeight);
    const background = [data[0], data[1], data[2]].join(',');
    let opaque = true;
    let otherOutsideSafeZone = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i + 3] !== 255) opaque = false;
        // The safe zone: the centred circle whose radius is 40% of the size.
        const outside = Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2) > 0.4 * width;
        if (outside && [data[i], data[i + 1], data[i + 2]].join(',') !== background) otherOutsideSafeZone++;
      }
    }
    return { size: `${width}x${height}`, opaque, otherOutsideSafeZone };
  }, src);
}

test('Chromium finds no installability errors', async ({ context, page, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  await cdp.detach();
});

test('the manifest has an id, shortcuts, narrow and wide screenshots, and a maskable icon inside its safe zone', async ({ page }) => {
  await page.goto('/');
  const manifest = await manifestOf(page);
  expect(manifest.id).toBe('/');
  expect(manifest.shortcuts.map(({ name, url }) => ({ name, url }))).toEqual([
    { name: 'New visitor', url: '/?action=new-visitor' },
    { name: 'Scan badge', url: '/?action=scan-badge' },
  ]);

  expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
  for (const screenshot of manifest.screenshots) {
    const facts = await imageFacts(page, screenshot.src);
    expect(facts.size).toBe(screenshot.sizes);
    const [width, height] = screenshot.sizes.split('x').map(Number);
    expect(screenshot.form_factor === 'wide' ? width! > height! : height! > width!).toBe(true);
  }

  const maskable = manifest.icons.filter((icon) => icon.purpose === 'maskable');
  expect(maskable).toHaveLength(1);
  expect(manifest.icons.filter((icon) => icon.purpose !== 'maskable').map((icon) => icon.src)).not.toContain(maskable[0]!.src);
  const facts = await imageFacts(page, maskable[0]!.src);
  expect(facts).toEqual({ size: maskable[0]!.sizes, opaque: true, otherOutsideSafeZone: 0 });
});

test('the "New visitor" shortcut opens the new-visitor form, and the address is clean after', async ({ page, account }) => {
  await signUp(page, account);
  await page.goto('/?action=new-visitor');
  await expect(page.getByRole('form', { name: 'New visitor' })).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await page.reload();
  await expect(page.getByRole('button', { name: 'New visitor' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New visitor' })).toHaveCount(0);
});

test('the "Scan badge" shortcut opens the scan dialog, and the address is clean after', async ({ page, account }) => {
  await signUp(page, account);
  await page.goto('/?action=scan-badge');
  await expect(page.getByRole('dialog', { name: 'Scan badge' })).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
});

test('a shortcut opened while signed out acts once the person has signed in', async ({ page, account }) => {
  await signUp(page, account, '/?action=new-visitor');
  await expect(page.getByRole('form', { name: 'New visitor' })).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
});
