import { test, expect } from '../support/fixtures';
import { createVisitor, editVisitor, expectConverged, twoPeopleWith, visitorRow } from '../support/app';
import { deleteVisitor, offline, reconnect } from '../support/scenario';

test('pull and apply remote changes: a device back online takes a teammate’s create, edit and delete', async ({ page, teammate, account, server }) => {
  await twoPeopleWith(page, teammate, account, 'Ada Lovelace');
  await createVisitor(page, { name: 'Alan Turing' });
  await expect(visitorRow(teammate.page, 'Alan Turing')).toContainText('synced');
  await offline(page);
  await createVisitor(teammate.page, { name: 'Grace Hopper' });
  await editVisitor(teammate.page, 'Ada Lovelace', { Title: 'Countess' });
  await deleteVisitor(teammate.page, 'Alan Turing');
  await expect(visitorRow(teammate.page, 'Grace Hopper')).toContainText('synced');

  await reconnect(page);
  await expectConverged(server, page, teammate);
  await expect(visitorRow(page, 'Grace Hopper')).toBeVisible();
  await expect(visitorRow(page, 'Alan Turing')).toHaveCount(0);
});
