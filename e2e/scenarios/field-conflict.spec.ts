import { test, expect } from '../support/fixtures';
import { caughtUp, editVisitor, expectConverged, twoPeopleWith } from '../support/app';
import { offline, reconnect, resolveConflict, serverRecord } from '../support/scenario';

const VISITOR = 'Ada Lovelace';

for (const choice of ['Theirs', 'Mine'] as const) {
  test(`simple field conflict: both change the title offline, the later pusher keeps "${choice}"`, async ({ page, teammate, account, server }) => {
    await twoPeopleWith(page, teammate, account, VISITOR);
    await caughtUp(server, teammate);
    await offline(page, teammate);
    await editVisitor(page, VISITOR, { Title: 'CTO' });
    await editVisitor(teammate.page, VISITOR, { Title: 'Head of Research' });
    await reconnect(page);
    await reconnect(teammate, '1 conflict');

    await resolveConflict(teammate.page, { Title: choice });
    await expectConverged(server, page, teammate);
    expect((await serverRecord(server, account, VISITOR))?.title).toBe(choice === 'Theirs' ? 'CTO' : 'Head of Research');
  });
}
