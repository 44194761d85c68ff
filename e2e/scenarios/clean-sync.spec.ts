import { test, expect } from '../support/fixtures';
import { createVisitor, editVisitor, expectConverged, twoPeopleWith } from '../support/app';
import { serverNames, serverRecord } from '../support/scenario';

test('clean sync: what each of two devices captures and edits reaches the other, and both hold what the server holds', async ({ page, teammate, account, server }) => {
  await twoPeopleWith(page, teammate, account, 'Ada Lovelace');
  await createVisitor(teammate.page, { name: 'Grace Hopper', company: 'Navy' });
  await editVisitor(page, 'Ada Lovelace', { Title: 'Countess' });

  await expectConverged(server, page, teammate);
  expect(await serverNames(server, account)).toEqual(['Ada Lovelace', 'Grace Hopper']);
  expect((await serverRecord(server, account, 'Ada Lovelace'))?.title).toBe('Countess');
});
