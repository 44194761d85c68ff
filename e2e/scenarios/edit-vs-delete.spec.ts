import { test, expect } from '../support/fixtures';
import { caughtUp, editVisitor, expectConverged, twoPeopleWith } from '../support/app';
import { deleteVisitor, offline, reconnect, resolveConflict, serverRecord } from '../support/scenario';

const VISITOR = 'Ada Lovelace';

test('edit vs delete: deleted on one device, edited on the other, which restores its version', async ({ page, teammate, account, server }) => {
  await twoPeopleWith(page, teammate, account, VISITOR);
  await caughtUp(server, teammate);
  await offline(page, teammate);
  await deleteVisitor(page, VISITOR);
  await editVisitor(teammate.page, VISITOR, { Company: 'Still interested' });
  await reconnect(page);
  await reconnect(teammate, '1 conflict');

  await resolveConflict(teammate.page, 'Restore my version');
  await expectConverged(server, page, teammate);
  expect((await serverRecord(server, account, VISITOR))?.company).toBe('Still interested');
});

test('delete vs edit: edited on one device, deleted on the other, which deletes it anyway', async ({ page, teammate, account, server }) => {
  await twoPeopleWith(page, teammate, account, VISITOR);
  await caughtUp(server, teammate);
  await offline(page, teammate);
  await editVisitor(page, VISITOR, { Phone: '+1 555 0100' });
  await deleteVisitor(teammate.page, VISITOR);
  await reconnect(page);
  await reconnect(teammate, '1 conflict');

  await resolveConflict(teammate.page, 'Delete anyway');
  await expectConverged(server, page, teammate);
  expect(await serverRecord(server, account, VISITOR)).toBeUndefined();
});
