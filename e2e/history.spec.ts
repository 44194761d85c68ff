import { randomUUID } from 'node:crypto';
import { test, expect } from './support/fixtures';
import { createVisitor, signUp, visitorRow } from './support/app';
import { serverPush, serverVisitors } from './support/serverApi';

const VISITOR = 'Ada Lovelace';

test('a long history shows its newest changes first, and "Show older changes" brings the rest', async ({ page, account, server }) => {
  await signUp(page, account);
  await createVisitor(page, { name: VISITOR });
  await expect(visitorRow(page, VISITOR)).toContainText('synced');

  // 60 more changes to the visitor, made straight on the server: 61 entries, more than one page.
  const [record] = await serverVisitors(server.url, account.email, account.password);
  const start = record!.data.rating;
  const ops = Array.from({ length: 60 }, (_, i) => ({
    opId: randomUUID(),
    collection: 'visitors' as const,
    id: record!.id,
    kind: 'update' as const,
    patch: { rating: (start + i + 1) % 6 },
    base: { rating: (start + i) % 6 },
  }));
  expect(new Set(await serverPush(server.url, account, ops))).toEqual(new Set(['applied']));

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

test('the visitor’s consent to be contacted is a checkbox, reaches the server and shows in the history', async ({ page, account, server }) => {
  await signUp(page, account);
  await createVisitor(page, { name: VISITOR });
  await visitorRow(page, VISITOR).click();
  const form = page.getByRole('form', { name: 'Edit visitor' });
  const consent = form.getByRole('checkbox', { name: 'Agreed to be contacted' });
  await expect(consent).not.toBeChecked();
  await consent.check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(visitorRow(page, VISITOR)).toContainText('synced');
  expect((await serverVisitors(server.url, account.email, account.password))[0]?.data.consent).toBe(true);

  await visitorRow(page, VISITOR).click();
  await expect(form.getByRole('checkbox', { name: 'Agreed to be contacted' })).toBeChecked();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('list', { name: 'Changes' }).locator(':scope > li').first()).toContainText('Agreed to be contacted');
});
