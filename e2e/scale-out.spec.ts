import { test as base, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { startPostgresCluster, type PostgresCluster } from '../server/test/postgresCluster';
import { startServer, type RunningServer } from './support/server';
import { createVisitor, editVisitor, inviteCode, joinWithInvite, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import { serverVisitors } from './support/serverApi';
import { perWorker, withDevice, type Device } from './support/fixtures';

/**
 * A team that outgrew one machine: two server instances on one PostgreSQL database, each
 * person's device talking to a different instance (as a load balancer would send them).
 */
const test = base.extend<{ first: Device; second: Device }, { cluster: PostgresCluster; instances: [RunningServer, RunningServer] }>({
  cluster: perWorker(() => startPostgresCluster()),
  instances: [
    async ({ cluster }, use) => {
      const databaseUrl = await cluster.createDatabase(`outpost_${randomUUID().replace(/-/g, '')}`);
      // Started together: both apply the migrations at once, and each must do so only once.
      const instances = await Promise.all([startServer({ databaseUrl }), startServer({ databaseUrl })]);
      await use(instances);
      await Promise.all(instances.map((s) => s.stop()));
    },
    { scope: 'worker' },
  ],
  first: async ({ instances }, use) => withDevice(instances[0], 'A', use),
  second: async ({ instances }, use) => withDevice(instances[1], 'B', use),
});

test('two server instances on one PostgreSQL database: live updates and merges cross instances', async ({ first, second, instances }) => {
  const account = { email: `qa-${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery', workspaceName: 'Hall B' };
  await signUp(first.page, account);
  const code = await inviteCode(first.page);
  await joinWithInvite(second.page, { email: `b-${account.email}`, password: account.password }, code);
  await Promise.all([waitForServiceWorker(first.page), waitForServiceWorker(second.page)]);

  // Pushed to instance 1; instance 2's page hears of it through LISTEN/NOTIFY, with no reload.
  await createVisitor(first.page, { name: 'Ada Lovelace', company: 'Analytical Engines' });
  await expect(visitorRow(second.page, 'Ada Lovelace')).toContainText('synced', { timeout: 5_000 });

  // Both offline, each edits another field; back online, each instance merges the other's edit.
  first.faults.set({ mode: 'down' });
  second.faults.set({ mode: 'down' });
  await editVisitor(first.page, 'Ada Lovelace', { Company: 'Difference Engines' });
  await editVisitor(second.page, 'Ada Lovelace', { Phone: '+44 20 7946 0001' });
  await expect(syncStatus(first.page)).toContainText('1 pending');
  first.faults.up();
  await expect(syncStatus(first.page)).toContainText('All changes synced', { timeout: 20_000 });
  await expect(syncStatus(second.page)).toContainText('1 pending');
  second.faults.up();
  await expect(syncStatus(second.page)).toContainText('All changes synced', { timeout: 20_000 });

  for (const server of instances) {
    await expect
      .poll(async () => (await serverVisitors(server.url, account.email, account.password)).map((c) => [c.data.company, c.data.phone]))
      .toEqual([['Difference Engines', '+44 20 7946 0001']]);
  }
  // The first device learns of the second's edit from its own instance, without a reload
  // (reopened until it shows: the poke and the pull may still be on their way).
  await expect(async () => {
    await visitorRow(first.page, 'Ada Lovelace').click();
    const form = first.page.getByRole('form', { name: 'Edit visitor' });
    try {
      await expect(form.getByLabel('Phone', { exact: true })).toHaveValue('+44 20 7946 0001', { timeout: 500 });
    } finally {
      await form.getByRole('button', { name: 'Cancel' }).click();
    }
  }).toPass({ timeout: 15_000 });
});
