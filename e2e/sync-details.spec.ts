import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { signUp, syncStatus, waitForQaHooks } from './support/app';
import { serverVisitors } from './support/serverApi';
import { PROTOCOL_VERSION } from '../src/core/protocol';

const APP_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

test('Sync details shows what this device sent and measured, a failed push, and copies a report without secrets', async ({ page, context, faults, server, account }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page, account);
  await waitForQaHooks(page);
  const held = async () => (await serverVisitors(server.url, account.email, account.password)).length;

  await page.evaluate(() => window.outpostQA!.createVisitors(30, 'Lead'));
  await expect.poll(held, { message: 'visitors the server holds' }).toBe(30);
  await expect(syncStatus(page)).toContainText('All changes synced');

  await page.getByRole('button', { name: 'Sync details' }).click();
  const details = page.getByRole('dialog', { name: 'Sync details' });
  const row = (name: string) => details.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  await expect(row('Sent')).toHaveText(/^Sent\s*30 changes, [\d.]+ KB$/);
  await expect(row('Received')).toHaveText(/^Received\s*\d+ changes?, [\d.]+ (KB|bytes)$/);
  await expect(row('Push time')).toHaveText(/^Push time\s*\d+ ms typical, \d+ ms slowest 5% \(last \d+ push(es)?\)$/);
  await expect(row('Last push')).not.toContainText('Never');
  await expect(row('Last pull')).not.toContainText('Never');
  await expect(row('Conflicts')).toHaveText(/^Conflicts\s*0$/);
  await expect(row('App version')).toHaveText(new RegExp(`^App version\\s*${APP_VERSION.replace(/\./g, '\\.')}$`));
  await expect(row('Protocol version')).toHaveText(new RegExp(`^Protocol version\\s*${PROTOCOL_VERSION}$`));
  await expect(details.getByText('No errors.')).toBeVisible();

  // One push answered 500: the error shows with its time (the panel is live), and the retry sends the change.
  faults.set({ mode: 'error-500', path: /^\/api\/sync\/push/, times: 1 });
  await page.evaluate(() => window.outpostQA!.createVisitors(1, 'Late'));
  const errors = details.getByRole('list', { name: 'Recent errors' });
  await expect(errors.getByRole('listitem')).toHaveCount(1);
  await expect(errors.getByRole('listitem')).toContainText('The server had a problem.');
  await expect.poll(held, { message: 'visitors the server holds' }).toBe(31);
  await expect(row('Sent')).toHaveText(/^Sent\s*31 changes, /);

  await details.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(details.getByRole('status')).toHaveText('Diagnostics copied to the clipboard.');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const report = JSON.parse(text) as Record<string, unknown>;
  expect(report).toMatchObject({
    appVersion: APP_VERSION,
    protocolVersion: PROTOCOL_VERSION,
    signedInAs: account.email,
    opsSent: 31,
    conflicts: 0,
    pushLatencyMs: { pushes: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number) },
    errors: [{ code: 'server', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
  });
  expect(report.bytesSent).toBeGreaterThan(0);
  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(text).not.toContain(cookie.value);
  expect(text).not.toContain(account.password);

  await details.getByRole('button', { name: 'Close' }).click();
  await expect(details).toBeHidden();
});
