import { createHash } from 'node:crypto';
import { test, expect } from './support/fixtures';
import { signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import { serverAttachment, serverVisitors } from './support/serverApi';
import { field, newVisitorWithCard } from './support/cardForm';

const UPLOADS = /^\/api\/attachments\//;

/** Captures a visitor with a card photo through the form and waits for the sync to settle. */
async function captureWithPhoto(page: Parameters<typeof newVisitorWithCard>[0], name: string, scale: number) {
  const form = await newVisitorWithCard(page, scale);
  await field(form, 'Name').fill(name);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(visitorRow(page, name)).toContainText('synced', { timeout: 40_000 });
  await expect(syncStatus(page)).toContainText('All changes synced');
}

test('an upload whose answer is lost, and one cut off by a dead server, each leave one photo and an intact record', async ({ page, faults, server, account }) => {
  await signUp(page, account);
  await waitForServiceWorker(page);
  const uploads = () => faults.seen.filter((r) => r.method === 'PUT' && UPLOADS.test(r.path));

  // The server stores the photo, the device never hears: it sends it again, and nothing doubles.
  faults.set({ mode: 'drop-response', path: UPLOADS, times: 1 });
  await captureWithPhoto(page, 'Answer Lost', 1);
  // The connection dies before the server sees the photo: it is sent again once the server is back.
  faults.set({ mode: 'down', path: UPLOADS, times: 1 });
  await captureWithPhoto(page, 'Server Gone', 2);

  expect(uploads().map((r) => r.outcome)).toEqual(['drop-response', 'up', 'down', 'up']);
  const records = await serverVisitors(server.url, account.email, account.password);
  for (const name of ['Answer Lost', 'Server Gone']) {
    const hash = records.find((r) => r.data.name === name)?.data.cardPhoto;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const held = await serverAttachment(server.url, account, hash!);
    expect(held.status).toBe(200);
    expect(createHash('sha256').update(held.bytes).digest('hex')).toBe(hash);
  }
  expect(records.filter((r) => r.data.name === 'Answer Lost' || r.data.name === 'Server Gone')).toHaveLength(2);
});
