import { test, expect } from '../support/fixtures';
import { caughtUp, editVisitor, expectConverged, twoPeopleWith } from '../support/app';
import { offline, reconnect, resolveConflict, serverRecord } from '../support/scenario';

const VISITOR = 'Ada Lovelace';

test('complex conflict: of four fields edited on both devices, three merge and only the title asks', async ({ page, teammate, account, server }) => {
  await twoPeopleWith(page, teammate, account, VISITOR);
  await caughtUp(server, teammate);
  await offline(page, teammate);
  await editVisitor(page, VISITOR, { Title: 'CTO', Company: 'Babbage & Co', Interests: 'api' });
  await editVisitor(teammate.page, VISITOR, { Title: 'Head of Research', Phone: '+44 20 7946 0000', Interests: 'sso' });
  await reconnect(page);
  await reconnect(teammate, '1 conflict');

  // While the title waits for the person, the merged fields are already the server's everywhere.
  await expectConverged(server, page, { ...teammate, openConflicts: [VISITOR] });
  await expect(teammate.page.getByRole('dialog', { name: 'Resolve conflict' }).getByRole('radiogroup')).toHaveCount(1);
  await resolveConflict(teammate.page, { Title: 'Mine' });
  await expectConverged(server, page, teammate);
  expect(await serverRecord(server, account, VISITOR)).toMatchObject({ title: 'Head of Research', company: 'Babbage & Co', phone: '+44 20 7946 0000', interests: ['api', 'sso'] });
});
