// `npm run screenshots` (after `npm run build`): the real app on the real server, as a person
// uses it, photographed for the web manifest (public/screenshots) and the README (docs/screenshots).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startServer } from '../e2e/support/server';
import { launchProfile } from '../e2e/support/browser';
import { signUp, visitorRow, waitForServiceWorker } from '../e2e/support/app';

const VISITORS = [
  { Name: 'Ada Lovelace', Company: 'Analytical Engines', Title: 'Head of Research', Email: 'ada@engines.example', Notes: 'Wants a demo of the API.' },
  { Name: 'Grace Hopper', Company: 'US Navy', Title: 'Rear Admiral', Email: 'grace@navy.example', Notes: 'Asked about COBOL export.' },
  { Name: 'Katherine Johnson', Company: 'NASA Langley', Title: 'Mathematician', Email: 'katherine@nasa.example', Notes: '' },
  { Name: 'Alan Turing', Company: 'Bletchley Park', Title: 'Cryptanalyst', Email: 'alan@bletchley.example', Notes: 'Follow up after the show.' },
  { Name: 'Hedy Lamarr', Company: 'Frequency Hopping Inc.', Title: 'Inventor', Email: 'hedy@hopping.example', Notes: '' },
  // The same person again, as a colleague captured her: a possible duplicate.
  { Name: 'Ada King', Company: 'Analytical Engines', Title: 'Countess of Lovelace', Email: 'ADA@engines.example', Notes: 'Met at the keynote.' },
];

async function capture(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'New visitor' }).click();
  const form = page.getByRole('form', { name: 'New visitor' });
  for (const [label, value] of Object.entries(fields)) if (value) await form.getByLabel(label).first().fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'hidden' });
  await visitorRow(page, fields.Name!).filter({ hasText: 'synced' }).waitFor();
}

/** The page from its top (opening a row or a dialog scrolls it), written to each of `paths`. */
async function shoot(page: Page, ...paths: string[]): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const path of paths) await page.screenshot({ path });
}

async function main(): Promise<void> {
  mkdirSync('public/screenshots', { recursive: true });
  mkdirSync('docs/screenshots', { recursive: true });
  const server = await startServer();
  const { context, dispose } = await launchProfile(server.url, { qaHooks: false });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const id = randomUUID().slice(0, 8);
    await signUp(page, { email: `sam@booth-${id}.example`, password: 'correct horse battery', workspaceName: 'Acme at Web Summit' });
    await waitForServiceWorker(page);
    for (const visitor of VISITORS) await capture(page, visitor);

    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'public/screenshots/narrow.png', 'docs/screenshots/list.png');

    await page.setViewportSize({ width: 1280, height: 800 });
    await visitorRow(page, 'Ada Lovelace').click();
    await page.getByRole('form', { name: 'Edit visitor' }).waitFor();
    await shoot(page, 'public/screenshots/wide.png', 'docs/screenshots/visitor.png');
    await page.getByRole('form', { name: 'Edit visitor' }).getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('dialog', { name: 'Export visitors' }).waitFor();
    await shoot(page, 'docs/screenshots/export.png');
    await page.getByRole('dialog', { name: 'Export visitors' }).getByRole('button', { name: 'Close' }).click();

    await visitorRow(page, 'Ada Lovelace').click();
    await page.getByRole('group', { name: 'Possible duplicate' }).getByRole('button', { name: 'Merge duplicates' }).click();
    await page.getByRole('dialog', { name: 'Merge duplicates' }).getByRole('table', { name: 'Both records' }).waitFor();
    await shoot(page, 'docs/screenshots/merge.png');
  } finally {
    await dispose();
    await server.stop();
  }
}

await main();
