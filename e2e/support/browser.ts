import { chromium, type BrowserContext, type ConsoleMessage } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Playwright cannot download its browsers here: use the system's Chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The app's QA switch (src/main.tsx): a global set before the app's scripts run makes it load
 * its QA module and install `window.outpostQA`. A default run has neither.
 */
export const QA_SWITCH = 'window.__OUTPOST_QA__ = true;';

export interface ProfileOptions {
  /** Open every page of the profile with the QA switch set (default: true). */
  qaHooks?: boolean;
  /**
   * A YUV4MPEG2 file (absolute path) that the profile's camera shows, looped, with the camera
   * permission granted (e2e/support/fakeCamera.ts writes one). Without it the profile has no camera.
   */
  fakeCamera?: string;
}

/** Chromium's fake camera, fed from a file, and no permission prompt (TESTING-NOTES.md). */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

/**
 * A persistent profile: incognito contexts keep IndexedDB in memory, which hides what
 * happens when a person closes and reopens the app.
 */
export async function launchProfile(
  baseURL: string,
  { qaHooks = true, fakeCamera }: ProfileOptions = {},
): Promise<{ context: BrowserContext; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: fakeCamera ? [...CHROMIUM_ARGS, ...fakeCameraArgs(fakeCamera)] : CHROMIUM_ARGS,
    permissions: fakeCamera ? ['camera'] : [],
    headless: true,
    baseURL,
    viewport: { width: 1200, height: 900 },
  });
  if (qaHooks) await context.addInitScript({ content: QA_SWITCH });
  const violations = watchContentSecurityPolicy(context);
  return {
    context,
    dispose: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
      // Every test is also a proof that the app runs under its Content-Security-Policy.
      if (violations.length > 0) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
    },
  };
}

/**
 * What Chromium reports as blocked by the page's Content-Security-Policy, in any page of the
 * profile, its workers or its service worker.
 */
function watchContentSecurityPolicy(context: BrowserContext): string[] {
  const violations: string[] = [];
  const record = (message: ConsoleMessage) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  };
  context.on('console', record);
  context.on('page', (page) => page.on('worker', (worker) => worker.on('console', record)));
  context.on('serviceworker', (worker) => worker.on('console', record));
  return violations;
}
