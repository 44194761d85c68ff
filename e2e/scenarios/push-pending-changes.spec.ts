import { test, expect } from '../support/fixtures';
import { captureWithServerDown, editVisitor, expectConverged, signUp, visitorRow } from '../support/app';
import { serverNames, serverRecord } from '../support/scenario';

test('push of pending changes: visitors captured and edited with the API down reach the server once it is back', async ({ page, faults, account, server }) => {
  await signUp(page, account);
  await captureWithServerDown(page, faults, ['Ada Lovelace', 'Grace Hopper']);
  await editVisitor(page, 'Grace Hopper', { Company: 'Navy' });
  await expect(visitorRow(page, 'Grace Hopper')).toContainText('pending');

  faults.up();
  await expectConverged(server, page);
  expect(await serverNames(server, account)).toEqual(['Ada Lovelace', 'Grace Hopper']);
  expect((await serverRecord(server, account, 'Grace Hopper'))?.company).toBe('Navy');
});
