import { test, expect } from './support/fixtures';
import { syncStatus, visitorRow } from './support/app';
import { loadLegacyDatabase } from './support/legacyProfile';
import { localRows } from './support/localDb';
import { serverCookie, serverHistory, serverPush, serverSession, serverVisitors } from './support/serverApi';
import {
  PROTOCOL_1_DEXIE_VERSION,
  PROTOCOL_1_IDS,
  PROTOCOL_1_ROWS,
  PROTOCOL_1_SERVER_RECORDS,
  PROTOCOL_1_STORES,
  USER,
  WORKSPACE,
} from '../src/core/testing/protocol1Database';
import type { LocalVisitor } from '../src/core/client/types';
import type { VisitorData } from '../src/core/protocol';

test('what the protocol-1 app queued offline reaches the new server exactly once, in the current shape', async ({ context, page, faults, server, account }) => {
  // The person's account, and the two visitors the server had before the tablet went offline.
  const signup = await fetch(`${server.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  expect(signup.status).toBe(201);
  const session = await serverSession(server.url, account);
  const seeded = PROTOCOL_1_SERVER_RECORDS.map((r) => ({ opId: crypto.randomUUID(), collection: 'visitors' as const, id: r.id, kind: 'create' as const, data: r.data as VisitorData }));
  expect(await serverPush(server.url, account, seeded)).toEqual(['applied', 'applied']);

  // The tablet's profile as the old app left it: its database (Dexie version 4) and its session cookie.
  const rows = JSON.parse(
    JSON.stringify(PROTOCOL_1_ROWS)
      .replaceAll(USER.id, session.user.id)
      .replaceAll(USER.email, session.user.email)
      .replaceAll(WORKSPACE.id, session.workspace.id)
      .replaceAll(WORKSPACE.name, session.workspace.name),
  ) as Record<string, unknown[]>;
  await loadLegacyDatabase(context, faults.url, { dexieVersion: PROTOCOL_1_DEXIE_VERSION, stores: PROTOCOL_1_STORES, rows });
  const [name, value] = (await serverCookie(server.url, account)).split('=') as [string, string];
  await context.addCookies([{ name, value, url: faults.url }]);

  // The new app opens it: the upgrade rewrites the queued ops, the drain sends them, a pull refreshes the rest.
  await page.goto('/');
  await expect(visitorRow(page, 'Offline Capture')).toContainText('synced', { timeout: 20_000 });
  await expect(visitorRow(page, 'Charles Babbage')).toContainText('synced');
  await expect(syncStatus(page)).toContainText('All changes synced');

  const held = await serverVisitors(server.url, account.email, account.password);
  expect(held.map((c) => c.data.name).sort()).toEqual(['Charles Babbage', 'Offline Capture']);
  expect(held.find((c) => c.id === PROTOCOL_1_IDS.CREATED)?.data).toMatchObject({ consent: false, company: 'Difference Engines' });
  expect(held.find((c) => c.id === PROTOCOL_1_IDS.EDITED)?.data).toMatchObject({ title: 'Inventor', consent: false });
  // Exactly once: one create, one edit, one delete, each a single history entry.
  expect((await serverHistory(server.url, account, PROTOCOL_1_IDS.CREATED))?.map((e) => e.kind)).toEqual(['create']);
  expect((await serverHistory(server.url, account, PROTOCOL_1_IDS.EDITED))?.map((e) => e.kind)).toEqual(['update', 'create']);
  expect((await serverHistory(server.url, account, PROTOCOL_1_IDS.DELETED))?.map((e) => e.kind)).toEqual(['delete', 'create']);

  const local = await localRows<LocalVisitor>(page, 'visitors');
  expect(local.map((r) => [r.data.name, r.syncState, r.data.consent]).sort()).toEqual([
    ['Charles Babbage', 'synced', false],
    ['Offline Capture', 'synced', false],
  ]);
  expect(await localRows(page, 'outbox')).toEqual([]);
});
