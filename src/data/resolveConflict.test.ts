import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { inMemoryLock } from '../sync/locks';
import { MemorySyncServer } from '../sync/testing/memoryServer';
import { createDexieStore } from '../db/dexieStore';
import { visitorData } from '../core/testing/visitorData';
import { createVisitorsRepository, type VisitorsRepository } from './visitors';

let db: OutpostDb;
let server: MemorySyncServer;
let visitors: VisitorsRepository;
let engine: SyncEngine;

beforeEach(() => {
  db = openTestDb();
  server = new MemorySyncServer();
  visitors = createVisitorsRepository(createDexieStore(db));
  engine = createSyncEngine({ store: createDexieStore(db), transport: server, lock: inMemoryLock(), now: () => 1_000, random: () => 0.5 });
});
afterEach(() => db.close());

/** Both sides changed the title: mine "CEO", theirs "CFO", from "CTO". */
async function titleConflict(): Promise<string> {
  const id = uuidv7();
  server.seed(id, visitorData({ title: 'CTO', company: 'Acme' }));
  await engine.sync();
  server.edit(id, { title: 'CFO' });
  await visitors.update(id, { title: 'CEO' });
  await engine.sync();
  expect(await db.conflicts.get(id)).toMatchObject({ kind: 'update-update', fields: ['title'] });
  return id;
}

describe('resolveConflict', () => {
  it.each([
    ['mine', 'CEO'],
    ['theirs', 'CFO'],
    ['custom', 'Chief Everything'],
  ] as const)('%s: the chosen value reaches the server and both sides agree', async (_label, title) => {
    const id = await titleConflict();
    await visitors.resolveConflict(id, { choice: 'values', values: { title } });
    expect(await db.conflicts.count()).toBe(0);
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.records.get(id)?.data.title).toBe(title);
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced', data: { title } });
  });

  it('sends the values shown as base, so a server that moved again yields a new conflict, not an overwrite', async () => {
    const id = await titleConflict();
    server.edit(id, { title: 'COO' }); // moved again while the dialog was open
    await visitors.resolveConflict(id, { choice: 'values', values: { title: 'CEO' } });
    expect(server.pushes.at(-1)?.ops).toBeDefined();
    await engine.sync();
    expect(server.records.get(id)?.data.title).toBe('COO');
    expect(await db.conflicts.get(id)).toMatchObject({ fields: ['title'], mine: { title: 'CEO' }, theirs: { title: 'COO' } });
  });

  it('sends edits made while the conflict was open along with the choice', async () => {
    const id = await titleConflict();
    await visitors.update(id, { phone: '+1 555 0100' });
    expect(await db.outbox.count()).toBe(0);
    await visitors.resolveConflict(id, { choice: 'values', values: { title: 'CFO' } });
    await engine.sync();
    expect(server.records.get(id)?.data).toMatchObject({ title: 'CFO', phone: '+1 555 0100' });
  });

  it('update-delete: "restore" brings the record back with my version', async () => {
    const id = uuidv7();
    server.seed(id, visitorData({ title: 'CTO' }));
    await engine.sync();
    server.erase(id);
    await visitors.update(id, { title: 'CEO' });
    await engine.sync();
    expect(await db.conflicts.get(id)).toMatchObject({ kind: 'update-delete' });
    await visitors.resolveConflict(id, { choice: 'restore' });
    await engine.sync();
    expect(server.records.get(id)).toMatchObject({ deleted: false, data: { title: 'CEO' } });
    expect(await db.visitors.get(id)).toMatchObject({ syncState: 'synced', data: { title: 'CEO' } });
  });

  it('update-delete: "accept deletion" removes the record here too', async () => {
    const id = uuidv7();
    server.seed(id, visitorData());
    await engine.sync();
    server.erase(id);
    await visitors.update(id, { title: 'CEO' });
    await engine.sync();
    await visitors.resolveConflict(id, { choice: 'accept-deletion' });
    expect(await db.visitors.get(id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    await engine.sync();
    expect(server.records.get(id)?.deleted).toBe(true);
  });

  it('delete-update: "delete anyway" deletes it; "keep their version" keeps it', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    for (const id of [a, b]) server.seed(id, visitorData({ company: 'Acme' }));
    await engine.sync();
    for (const id of [a, b]) {
      server.edit(id, { company: 'Acme Corp' });
      await visitors.remove(id);
    }
    await engine.sync();
    expect(await db.conflicts.get(a)).toMatchObject({ kind: 'delete-update', theirs: { company: 'Acme Corp' } });
    await visitors.resolveConflict(a, { choice: 'delete-anyway' });
    await visitors.resolveConflict(b, { choice: 'keep-theirs' });
    await engine.sync();
    expect(server.records.get(a)?.deleted).toBe(true);
    expect(await db.visitors.get(a)).toBeUndefined();
    expect(server.records.get(b)).toMatchObject({ deleted: false, data: { company: 'Acme Corp' } });
    expect(await db.visitors.get(b)).toMatchObject({ syncState: 'synced', data: { company: 'Acme Corp' } });
  });

  it('refuses an invalid custom value and keeps the conflict', async () => {
    const id = await titleConflict();
    await expect(visitors.resolveConflict(id, { choice: 'values', values: { email: 'nope' } })).rejects.toThrow();
    expect(await db.conflicts.get(id)).toBeDefined();
  });
});
