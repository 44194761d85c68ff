import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { test, expect } from '@playwright/test';
import { buildApp } from '../server/app';
import { openStorage } from '../server/storage/open';
import type { Storage } from '../server/storage/types';
import type { LocalVisitor } from '../src/core/client/types';
import { createVisitor, editVisitor, signIn, signUp, visitorRow } from './support/app';
import { launchProfile } from './support/browser';
import { FaultProxy } from './support/faultProxy';
import { localRows } from './support/localDb';
import { serverVisitors } from './support/serverApi';
import { buildPreviousApp } from './support/previousApp';

/** Today's server code on `storage`, serving the app in `staticDir`. */
async function serve(storage: Storage, staticDir: string): Promise<{ app: FastifyInstance; proxy: FaultProxy }> {
  const app = await buildApp({ storage, staticDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const proxy = await FaultProxy.start(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  return { app, proxy };
}

test('the previous version of the app, still on a tablet, keeps syncing with the new server beside the new app', async () => {
  test.setTimeout(240_000); // the first run on a machine builds the previous app
  const previousDist = buildPreviousApp();
  const dir = mkdtempSync(join(tmpdir(), 'outpost-previous-'));
  const storage = await openStorage(join(dir, 'outpost.sqlite'));
  await storage.migrate();
  // One server (today's code, one database) serving each app from its own origin, as a deploy
  // leaves it: the old app lives on in the tablet's cache.
  const previous = await serve(storage, previousDist);
  const current = await serve(storage, resolve('dist'));
  const tablet = await launchProfile(previous.proxy.url);
  const phone = await launchProfile(current.proxy.url);
  const account = { email: `qa-prev-${crypto.randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery', workspaceName: 'Booth' };
  try {
    const old = tablet.context.pages()[0] ?? (await tablet.context.newPage());
    const now = phone.context.pages()[0] ?? (await phone.context.newPage());
    await signUp(old, account);
    await createVisitor(old, { name: 'Grace Hopper', company: 'Navy' });
    await expect(visitorRow(old, 'Grace Hopper')).toContainText('synced');

    // The new app edits the visitor: its push is answered compactly (protocol 4), and the server
    // stamps when consent was given.
    await now.goto('/');
    await signIn(now, account);
    await visitorRow(now, 'Grace Hopper').click();
    const form = now.getByRole('form', { name: 'Edit visitor' });
    await form.getByRole('checkbox', { name: 'Agreed to be contacted' }).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(visitorRow(now, 'Grace Hopper')).toContainText('synced');

    // The old app pulls that change whole (it cannot read a compact one) and edits the visitor: nothing is lost.
    await old.getByRole('button', { name: 'Sync now' }).click();
    await editVisitor(old, 'Grace Hopper', { Title: 'Rear Admiral' });
    await expect(visitorRow(old, 'Grace Hopper')).toContainText('synced');
    await createVisitor(old, { name: 'Katherine Johnson' });
    await expect(visitorRow(old, 'Katherine Johnson')).toContainText('synced');
    const oldRows = await localRows<LocalVisitor>(old, 'visitors');
    expect(oldRows.find((row) => row.data.name === 'Grace Hopper')?.data).toMatchObject({
      title: 'Rear Admiral',
      company: 'Navy',
      consent: true,
      consentAt: expect.any(String),
      capturedBy: account.email,
    });

    const held = await serverVisitors(current.proxy.url, account.email, account.password);
    const byName = Object.fromEntries(held.map((c) => [c.data.name, c.data]));
    expect(byName['Grace Hopper']).toMatchObject({ title: 'Rear Admiral', company: 'Navy', consent: true, consentVersion: expect.stringMatching(/\S/), consentAt: expect.any(String) });
    expect(byName['Katherine Johnson']).toMatchObject({ title: '', consent: false, consentAt: null, capturedBy: account.email });

    // The new app pulls the old one's edit as a compact change over the version it holds.
    await now.getByRole('button', { name: 'Sync now' }).click();
    await expect(visitorRow(now, 'Katherine Johnson')).toContainText('synced');
    const nowRows = await localRows<LocalVisitor>(now, 'visitors');
    expect(nowRows.find((row) => row.data.name === 'Grace Hopper')?.data).toEqual(byName['Grace Hopper']);
    await visitorRow(now, 'Grace Hopper').click();
    await expect(form.getByLabel('Title', { exact: true })).toHaveValue('Rear Admiral');
    await expect(form.getByRole('checkbox', { name: 'Agreed to be contacted' })).toBeChecked();
  } finally {
    await tablet.dispose();
    await phone.dispose();
    for (const side of [previous, current]) {
      await side.proxy.close();
      await side.app.close();
    }
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
