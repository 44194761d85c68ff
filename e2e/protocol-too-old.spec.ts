import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { test, expect } from '@playwright/test';
import { buildApp } from '../server/app';
import { openStorage } from '../server/storage/open';
import { PROTOCOL_VERSION, type ProtocolRange } from '../src/core/protocol';
import { createVisitor, signUp, syncStatus, visitorRow, waitForServiceWorker } from './support/app';
import { launchProfile } from './support/browser';
import { FaultProxy } from './support/faultProxy';
import { localRows } from './support/localDb';
import { serverVisitors } from './support/serverApi';

/** A real server on `file` serving the built app, accepting the protocol versions `protocols`. */
async function serve(file: string, protocols?: ProtocolRange): Promise<{ app: FastifyInstance; url: string }> {
  const storage = await openStorage(file);
  await storage.migrate();
  const app = await buildApp({ storage, staticDir: resolve('dist'), ...(protocols ? { protocols } : {}) });
  app.addHook('onClose', () => storage.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

test('an app two protocol versions behind the server is told to update, and keeps its changes until they can go', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-protocol-'));
  const file = join(dir, 'outpost.sqlite');
  // The deploy of a server two versions ahead: it no longer speaks this app's protocol.
  const ahead = await serve(file, { oldest: PROTOCOL_VERSION + 1, current: PROTOCOL_VERSION + 2 });
  const proxy = await FaultProxy.start(ahead.url);
  const { context, dispose } = await launchProfile(proxy.url);
  const page = context.pages()[0] ?? (await context.newPage());
  const account = { email: `qa-old-${crypto.randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery', workspaceName: 'Booth' };
  try {
    await signUp(page, account);
    await waitForServiceWorker(page);
    const swChecksBefore = proxy.seen.filter((r) => r.path === '/sw.js').length;
    await createVisitor(page, { name: 'Kept For Later' });

    await expect(syncStatus(page)).toContainText('Update needed — your changes are kept');
    await expect(page.getByRole('alert').filter({ hasText: 'Update needed' })).toContainText('will sync once Outpost is updated');
    await expect(visitorRow(page, 'Kept For Later')).toContainText('pending');
    // It asked for the new version at once (the update prompt shows when one is deployed).
    await expect.poll(() => proxy.seen.filter((r) => r.path === '/sw.js').length).toBeGreaterThan(swChecksBefore);
    const outbox = await localRows<{ kind: string; state: string; attempts: number }>(page, 'outbox');
    expect(outbox.map((op) => [op.kind, op.state, op.attempts])).toEqual([['create', 'pending', 0]]);
    await page.reload();
    await expect(visitorRow(page, 'Kept For Later')).toContainText('pending');

    // A server that speaks the app's version again (here: the same database, the current code).
    const current = await serve(file);
    proxy.retarget(current.url);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(visitorRow(page, 'Kept For Later')).toContainText('synced');
    await expect(page.getByRole('alert').filter({ hasText: 'Update needed' })).toHaveCount(0);
    expect((await serverVisitors(current.url, account.email, account.password)).map((c) => c.data.name)).toEqual(['Kept For Later']);
    await current.app.close();
  } finally {
    await dispose();
    await proxy.close();
    await ahead.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
