import { test, expect } from '../support/fixtures';
import { caughtUp, editVisitor, expectConverged, pushed, twoPeopleWith } from '../support/app';
import { offline, reconnect, serverRecord } from '../support/scenario';

const VISITOR = 'Ada Lovelace';

test('array merge: interests edited on both devices offline merge as a set, with no dialog', async ({ page, teammate, account, server }) => {
  await twoPeopleWith(page, teammate, account, VISITOR);
  await editVisitor(page, VISITOR, { Interests: 'api' });
  // The teammate must have pulled "api" before editing, or its edit would be based on no interests.
  await pushed(page);
  await caughtUp(server, teammate);
  await offline(page, teammate);
  await editVisitor(page, VISITOR, { Interests: 'api, sso' });
  await editVisitor(teammate.page, VISITOR, { Interests: 'pricing' });
  await reconnect(page);
  await reconnect(teammate);

  await expectConverged(server, page, teammate);
  expect((await serverRecord(server, account, VISITOR))?.interests).toEqual(['sso', 'pricing']);
});
