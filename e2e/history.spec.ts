import { randomUUID } from 'node:crypto';
import { test, expect } from './support/fixtures';
import { createVisitor, signUp, visitorRow } from './support/app';
import { serverVisitors } from './support/serverApi';

const VISITOR = 'Ada Lovelace';

test('a long history shows its newest changes first, and "Show older changes" brings the rest', async ({ page, account, server }) => {
  await signUp(page, account);
  await createVisitor(page, { name: VISITOR });
  await expect(visitorRow(page, VISITOR)).toContainText('synced');

  // 60 more changes to the visitor, made straight on the server: 61 entries, more than one page.
  const [record] = await serverVisitors(server.url, account.email, account.password);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const start = record!.data.rating;
  const ops = Array.from({ length: 60 }, (_, i) => ({
    opId: randomUUID(),
    collection: 'visitors',
    id: record!.id,
    kind: 'update',
    patch: { rating: (start + i + 1) % 6 },
    base: { rating: (start + i) % 6 },
  }));
  const pushed = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ clientId: 'history-spec', ops }),
  });
  expect(pushed.status).toBe(200);

  await visitorRow(page, VISITOR).click();
  const history = page.getByRole('region', { name: 'History' });
  const entries = history.getByRole('list', { name: 'Changes' }).locator(':scope > li');
  await expect(entries).toHaveCount(50);
  await expect(entries.first()).toContainText(`${account.email} changed Rating`);
  await expect(history).not.toContainText('added this visitor');

  await history.getByRole('button', { name: 'Show older changes' }).click();
  await expect(entries).toHaveCount(61);
  await expect(entries.last()).toContainText(`${account.email} added this visitor`);
  await expect(history.getByRole('button', { name: 'Show older changes' })).toBeHidden();
});
