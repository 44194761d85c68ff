import { test, expect } from '../support/fixtures';
import { caughtUp, createVisitor, editVisitor, expectConverged, twoPeopleWith } from '../support/app';
import { localMeta } from '../support/convergence';
import { offline, reconnect } from '../support/scenario';

test('incremental pull: a device back online pulls from its cursor, not from the start', async ({ page, faults, teammate, account, server }) => {
  await twoPeopleWith(page, teammate, account, 'Ada Lovelace');
  await caughtUp(server, page);
  const cursor = (await localMeta<number>(page, 'cursor'))!;
  await offline(page);
  const mark = faults.seen.length;
  await createVisitor(teammate.page, { name: 'Grace Hopper' });
  await editVisitor(teammate.page, 'Ada Lovelace', { Title: 'Countess' });

  await reconnect(page);
  await expectConverged(server, page, teammate);
  const pulls = faults.seen.slice(mark).filter((r) => r.outcome === 'up' && r.path.startsWith('/api/sync/pull'));
  expect(pulls[0]?.path).toContain(`since=${cursor}&`);
  expect(pulls.every((r) => Number(new URL(r.path, faults.url).searchParams.get('since')) >= cursor)).toBe(true);
});
