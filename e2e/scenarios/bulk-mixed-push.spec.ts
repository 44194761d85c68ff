import { test, expect } from '../support/fixtures';
import { createVisitor, editVisitor, expectConverged, signUp, syncStatus, visitorRow } from '../support/app';
import { deleteVisitor, offline, perOpResults, reconnect, serverNames } from '../support/scenario';

test('bulk mixed push: a create, an update and a delete queued offline go in one push, each with its own result', async ({ page, faults, account, server }) => {
  await signUp(page, account);
  await createVisitor(page, { name: 'Keep Me' });
  await createVisitor(page, { name: 'Drop Me' });
  await expect(visitorRow(page, 'Drop Me')).toContainText('synced');
  await offline(page);
  await createVisitor(page, { name: 'New One' });
  await editVisitor(page, 'Keep Me', { Title: 'Buyer' });
  await deleteVisitor(page, 'Drop Me');
  await expect(syncStatus(page)).toContainText('3 pending');

  await reconnect(page);
  await expectConverged(server, page);
  expect(perOpResults(faults.exchanges.at(-1)!)).toEqual([['create', 'applied'], ['update', 'applied'], ['delete', 'applied']]);
  expect(await serverNames(server, account)).toEqual(['Keep Me', 'New One']);
});
