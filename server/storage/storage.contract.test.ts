import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpEnvelope, PullResponse } from '../../src/core/protocol';
import { planPush, type PushPlan } from '../../src/core/push/planPush';
import { POKE_APPLICATION_NAME, createPostgresPokeHub } from '../sync/postgresPokeHub';
import { validateOp } from '../../src/core/push/validateOp';
import { createOp, deleteOp, uniqueEmail, updateOp, visitor } from '../test/helpers';
import { startPostgresCluster, type PostgresCluster } from '../test/postgresCluster';
import { PostgresStorage } from './postgres';
import { POSTGRES_MIGRATIONS, runPostgresMigrations } from './postgresMigrations';
import { SqliteStorage } from './sqlite';
import type { Storage } from './types';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2025-05-01T10:00:00.000Z');
/** Server time `hours` after the start of the story. */
const at = (hours = 0) => new Date(T0 + hours * HOUR).toISOString();

interface Member {
  userId: string;
  email: string;
  workspaceId: string;
}

async function newWorkspace(storage: Storage, name = 'Booth team'): Promise<Member> {
  const member = { userId: randomUUID(), email: uniqueEmail(), workspaceId: randomUUID() };
  const result = await storage.createWorkspaceAccount(
    { id: member.userId, email: member.email, passwordHash: 'scrypt$hash' },
    { id: member.workspaceId, name },
    at(),
  );
  if (!result.ok) throw new Error(`could not create a workspace: ${result.reason}`);
  return member;
}

async function joinWorkspace(storage: Storage, owner: Member): Promise<Member> {
  const code = `INV-${randomUUID()}`;
  await storage.createInvite({ code, workspaceId: owner.workspaceId, createdBy: owner.userId, expiresAt: at(24) }, at());
  const member = { userId: randomUUID(), email: uniqueEmail(), workspaceId: owner.workspaceId };
  const result = await storage.joinWorkspaceAccount({ id: member.userId, email: member.email, passwordHash: 'h' }, code, at());
  if (!result.ok) throw new Error(`could not join: ${result.reason}`);
  return member;
}

/** Pushes a batch the way `POST /api/sync/push` does. */
function pushOps(storage: Storage, member: Member, ops: OpEnvelope[], when = at()): Promise<PushPlan> {
  const items = ops.map(validateOp);
  const lookup = { opIds: items.map((i) => i.opId), records: ops.map(({ collection, id }) => ({ collection, id })) };
  const actor = { userId: member.userId, email: member.email };
  return storage.push(member.workspaceId, lookup, (state) => planPush(items, state, actor, when));
}

/** Follows the cursor page by page until the server says there is no more. */
async function pullAll(storage: Storage, member: Member, since: number, limit: number): Promise<PullResponse[]> {
  const pages: PullResponse[] = [];
  for (let cursor = since; ; ) {
    const page = await storage.pull(member.workspaceId, cursor, limit);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** What every `Storage` must do, whatever is behind it. */
function storageContract(storageOf: () => Storage): void {
  describe('accounts', () => {
    it('creates a workspace with its first member, found by email', async () => {
      const storage = storageOf();
      const user = { id: randomUUID(), email: uniqueEmail(), passwordHash: 'scrypt$abc' };
      const workspace = { id: randomUUID(), name: 'Hall 4' };
      expect(await storage.createWorkspaceAccount(user, workspace, at())).toEqual({
        ok: true,
        account: { user: { id: user.id, email: user.email }, workspace },
      });
      expect(await storage.findUserByEmail(user.email)).toEqual({
        id: user.id,
        email: user.email,
        passwordHash: 'scrypt$abc',
        workspaceId: workspace.id,
        workspaceName: 'Hall 4',
      });
      expect(await storage.findUserByEmail(uniqueEmail('nobody'))).toBeNull();
    });

    it('refuses a second account with an email already taken, leaving the first alone', async () => {
      const storage = storageOf();
      const first = await newWorkspace(storage, 'First');
      const again = await storage.createWorkspaceAccount(
        { id: randomUUID(), email: first.email, passwordHash: 'other' },
        { id: randomUUID(), name: 'Second' },
        at(),
      );
      expect(again).toEqual({ ok: false, reason: 'email_taken' });
      expect(await storage.findUserByEmail(first.email)).toMatchObject({ id: first.userId, workspaceName: 'First' });
    });

    it('gives an email to exactly one of several accounts created at the same moment', async () => {
      const storage = storageOf();
      const email = uniqueEmail('race');
      const owner = await newWorkspace(storage);
      const code = `INV-${randomUUID()}`;
      await storage.createInvite({ code, workspaceId: owner.workspaceId, createdBy: owner.userId, expiresAt: at(1) }, at());
      const attempts = await Promise.all([
        ...range(1, 4).map(() =>
          storage.createWorkspaceAccount({ id: randomUUID(), email, passwordHash: 'h' }, { id: randomUUID(), name: 'W' }, at()),
        ),
        ...range(1, 4).map(() => storage.joinWorkspaceAccount({ id: randomUUID(), email, passwordHash: 'h' }, code, at())),
      ]);
      expect(attempts.map((a) => (a.ok ? 'ok' : a.reason)).sort()).toEqual([...Array(7).fill('email_taken'), 'ok']);
    });

    it('joins the workspace of an invite until it expires', async () => {
      const storage = storageOf();
      const owner = await newWorkspace(storage, 'Expo');
      const code = `INV-${randomUUID()}`;
      await storage.createInvite({ code, workspaceId: owner.workspaceId, createdBy: owner.userId, expiresAt: at(24) }, at());
      const newcomer = () => ({ id: randomUUID(), email: uniqueEmail('joiner'), passwordHash: 'h' });

      const user = newcomer();
      expect(await storage.joinWorkspaceAccount(user, code, at(23))).toEqual({
        ok: true,
        account: { user: { id: user.id, email: user.email }, workspace: { id: owner.workspaceId, name: 'Expo' } },
      });
      expect(await storage.findUserByEmail(user.email)).toMatchObject({ workspaceId: owner.workspaceId, workspaceName: 'Expo' });

      const late = newcomer();
      expect(await storage.joinWorkspaceAccount(late, code, at(24))).toEqual({ ok: false, reason: 'invalid_invite' });
      expect(await storage.findUserByEmail(late.email)).toBeNull();
      expect(await storage.joinWorkspaceAccount(newcomer(), 'NO-SUCH-CODE', at())).toEqual({ ok: false, reason: 'invalid_invite' });
      expect(await storage.joinWorkspaceAccount({ ...newcomer(), email: owner.email }, code, at())).toEqual({
        ok: false,
        reason: 'email_taken',
      });
    });
  });

  describe('sessions', () => {
    it('finds a session by token hash, expired or not, until it is deleted', async () => {
      const storage = storageOf();
      const member = await newWorkspace(storage, 'Sessions');
      const live = { tokenHash: randomUUID(), userId: member.userId, workspaceId: member.workspaceId, expiresAt: at(720) };
      const expired = { ...live, tokenHash: randomUUID(), expiresAt: at(-1) };
      await storage.createSession(live, at());
      await storage.createSession(expired, at());

      const expected = { userId: member.userId, email: member.email, workspaceId: member.workspaceId, workspaceName: 'Sessions' };
      expect(await storage.findSession(live.tokenHash)).toEqual({ ...expected, expiresAt: at(720) });
      expect(await storage.findSession(expired.tokenHash)).toEqual({ ...expected, expiresAt: at(-1) });
      await storage.deleteSession(live.tokenHash);
      expect(await storage.findSession(live.tokenHash)).toBeNull();
      expect(await storage.findSession(expired.tokenHash)).not.toBeNull();
      expect(await storage.findSession('unknown')).toBeNull();
    });
  });

  describe('push', () => {
    it('gives each change the next workspace revision, in batch order, per workspace', async () => {
      const storage = storageOf();
      const member = await newWorkspace(storage);
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      const first = await pushOps(storage, member, [
        createOp(a, visitor({ name: 'A' })),
        createOp(b, visitor({ name: 'B' })),
        updateOp(a, { rating: 5 }, { rating: 4 }),
      ]);
      expect(first.results.map((r) => [r.status, r.rev])).toEqual([
        ['applied', 1],
        ['applied', 2],
        ['applied', 3],
      ]);
      expect(first.rev).toBe(3);
      const second = await pushOps(storage, member, [createOp(c, visitor({ name: 'C' }))]);
      expect(second.results[0]).toMatchObject({ status: 'applied', rev: 4 });

      const elsewhere = await pushOps(storage, await newWorkspace(storage), [createOp(randomUUID(), visitor())]);
      expect(elsewhere.results[0]).toMatchObject({ status: 'applied', rev: 1 });
    });

    it('applies a replayed batch once and answers it with the stored results', async () => {
      const storage = storageOf();
      const member = await newWorkspace(storage);
      const id = randomUUID();
      const batch = [
        createOp(id, visitor({ name: 'Grace', company: 'Navy' })),
        updateOp(id, { company: 'Remington Rand' }, { company: 'Navy' }),
        updateOp(id, { company: 'UNIVAC' }, { company: 'Someone else saw this' }), // contended: a conflict
      ];
      const first = await pushOps(storage, member, batch);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict']);

      const replay = await pushOps(storage, member, batch, at(1));
      expect(replay.results).toEqual(first.results.map((r) => ({ ...r, status: 'duplicate' })));
      expect(replay.rev).toBe(first.rev);
      expect(replay.records).toEqual([]);

      const { changes } = await storage.pull(member.workspaceId, 0, 100);
      expect(changes.map((c) => [c.id, c.rev, c.data.company])).toEqual([[id, 2, 'Remington Rand']]);
      expect((await storage.history(member.workspaceId, 'visitors', id))?.map((h) => h.kind)).toEqual(['update', 'create']);
    });

    it('applies a batch that two drainers send at the same moment exactly once', async () => {
      const storage = storageOf();
      const member = await newWorkspace(storage);
      const batch = range(1, 5).map(() => createOp(randomUUID(), visitor()));
      const both = await Promise.all([pushOps(storage, member, batch), pushOps(storage, member, batch)]);
      const statuses = both.map((plan) => plan.results.map((r) => r.status));
      expect(statuses).toContainEqual(Array(5).fill('applied'));
      expect(statuses).toContainEqual(Array(5).fill('duplicate'));
      expect((await storage.pull(member.workspaceId, 0, 100)).changes.map((c) => c.rev)).toEqual(range(1, 5));
    });

    it('keeps record data exactly as pushed, key order and awkward characters included', async () => {
      const storage = storageOf();
      const member = await newWorkspace(storage);
      const notes = 'Quote " backslash \\ newline\nNUL \u0000 emoji 🦊 tab\t ümlaut';
      const plan = await pushOps(storage, member, [createOp(randomUUID(), visitor({ notes, interests: ['ai', 'Ünïcode'] }))]);
      const [change] = (await storage.pull(member.workspaceId, 0, 10)).changes;
      expect(change?.data).toEqual(plan.records[0]?.data);
      expect(change?.data.notes).toBe(notes);
      expect(Object.keys(change?.data ?? {})).toEqual(Object.keys(plan.records[0]?.data ?? {}));
    });
  });

  describe('pull', () => {
    it('pages by cursor with no change skipped, and says when there is more', async () => {
      const storage = storageOf();
      const member = await newWorkspace(storage);
      const ids = range(1, 7).map(() => randomUUID());
      await pushOps(storage, member, ids.slice(0, 3).map((id) => createOp(id, visitor())));
      await pushOps(storage, member, ids.slice(3).map((id) => createOp(id, visitor())));
      await pushOps(storage, member, [updateOp(ids[0]!, { rating: 1 }, { rating: 4 })]); // moves ids[0] to rev 8

      const pages = await pullAll(storage, member, 0, 3);
      expect(pages.map((p) => [p.changes.map((c) => c.rev), p.cursor, p.hasMore])).toEqual([
        [[2, 3, 4], 4, true],
        [[5, 6, 7], 7, true],
        [[8], 8, false],
      ]);
      expect(pages.flatMap((p) => p.changes.map((c) => c.id))).toEqual([...ids.slice(1), ids[0]]);
      expect(await storage.pull(member.workspaceId, 8, 3)).toEqual({ changes: [], cursor: 8, hasMore: false });
      expect((await storage.pull(member.workspaceId, 5, 2)).changes.map((c) => c.rev)).toEqual([6, 7]);
    });

    it('answers each change with its author’s email, server time and tombstone state', async () => {
      const storage = storageOf();
      const owner = await newWorkspace(storage);
      const teammate = await joinWorkspace(storage, owner);
      const [kept, removed] = [randomUUID(), randomUUID()];
      await pushOps(storage, owner, [createOp(kept, visitor({ name: 'Kept' })), createOp(removed, visitor({ name: 'Removed' }))], at(1));
      await pushOps(storage, teammate, [deleteOp(removed)], at(2));

      expect((await storage.pull(owner.workspaceId, 0, 10)).changes).toEqual([
        { collection: 'visitors', id: kept, rev: 1, deleted: false, data: visitor({ name: 'Kept' }), updatedAt: at(1), updatedBy: owner.email },
        { collection: 'visitors', id: removed, rev: 3, deleted: true, data: visitor({ name: 'Removed' }), updatedAt: at(2), updatedBy: teammate.email },
      ]);
    });
  });

  describe('history', () => {
    it('lists a record’s changes newest first, with who and when', async () => {
      const storage = storageOf();
      const owner = await newWorkspace(storage);
      const teammate = await joinWorkspace(storage, owner);
      const id = randomUUID();
      await pushOps(storage, owner, [createOp(id, visitor({ rating: 2 }))], at(1));
      await pushOps(storage, owner, [createOp(randomUUID(), visitor())], at(2)); // another record's change
      await pushOps(storage, teammate, [updateOp(id, { rating: 3 }, { rating: 2 })], at(3));
      await pushOps(storage, owner, [deleteOp(id)], at(4));

      const history = await storage.history(owner.workspaceId, 'visitors', id);
      expect(history?.map((h) => [h.rev, h.kind, h.by, h.at])).toEqual([
        [4, 'delete', owner.email, at(4)],
        [3, 'update', teammate.email, at(3)],
        [1, 'create', owner.email, at(1)],
      ]);
      expect(history?.[1]?.changes).toEqual({ rating: { from: 2, to: 3 } });
      expect(await storage.history(owner.workspaceId, 'visitors', randomUUID())).toBeNull();
    });
  });

  describe('workspace isolation', () => {
    it('keeps another workspace’s records out of pull, push and history', async () => {
      const storage = storageOf();
      const alice = await newWorkspace(storage, 'A');
      const mallory = await newWorkspace(storage, 'B');
      const secret = randomUUID();
      const opId = randomUUID();
      await pushOps(storage, alice, [createOp(secret, visitor({ name: 'Secret Lead' }), opId)]);

      expect(await storage.pull(mallory.workspaceId, 0, 100)).toEqual({ changes: [], cursor: 0, hasMore: false });
      expect(await storage.history(mallory.workspaceId, 'visitors', secret)).toBeNull();
      const hijack = await pushOps(storage, mallory, [updateOp(secret, { name: 'Hijacked' }, { name: 'Secret Lead' }), deleteOp(secret)]);
      expect(hijack.results.map((r) => r.error?.code)).toEqual(['not_found', 'blocked_by_earlier_rejection']);

      // The same record id and even the same opId in B are B's own, not a duplicate of A's.
      const copy = await pushOps(storage, mallory, [createOp(secret, visitor({ name: 'B copy' }), opId)]);
      expect(copy.results[0]).toMatchObject({ status: 'applied', rev: 1 });
      expect((await storage.pull(alice.workspaceId, 0, 100)).changes.map((c) => [c.rev, c.data.name])).toEqual([[1, 'Secret Lead']]);
      expect((await storage.pull(mallory.workspaceId, 0, 100)).changes.map((c) => [c.rev, c.data.name])).toEqual([[1, 'B copy']]);
      expect(await storage.history(alice.workspaceId, 'visitors', secret)).toHaveLength(1);
    });
  });
}

describe('SqliteStorage', () => {
  let dir: string;
  let storage: SqliteStorage;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-contract-'));
    storage = new SqliteStorage(path.join(dir, 'outpost.sqlite'));
    await storage.migrate();
  });
  afterAll(async () => {
    await storage?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  storageContract(() => storage);
});

describe('PostgresStorage', () => {
  let cluster: PostgresCluster;
  let storage: PostgresStorage;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    storage = new PostgresStorage(cluster.url);
    await storage.migrate();
  });
  afterAll(async () => {
    await storage?.close();
    await cluster?.stop();
  });

  storageContract(() => storage);

  it('serializes concurrent pushes to one workspace: revisions in order, none skipped by a concurrent pull', async () => {
    const member = await newWorkspace(storage);
    const otherInstance = new PostgresStorage(cluster.url); // a second server process, its own pool
    const PUSHES = 40;
    const OPS_PER_PUSH = 5;
    try {
      let pushing = true;
      const seen: number[] = [];
      const puller = (async () => {
        for (let cursor = 0; ; ) {
          const last = !pushing; // decided before the pull, so the final pull starts after every commit
          const page = await storage.pull(member.workspaceId, cursor, 7);
          seen.push(...page.changes.map((c) => c.rev));
          cursor = page.cursor;
          if (last && !page.hasMore) return;
        }
      })();
      const plans = await Promise.all(
        range(1, PUSHES).map((n) =>
          pushOps(
            n % 2 ? storage : otherInstance,
            member,
            range(1, OPS_PER_PUSH).map(() => createOp(randomUUID(), visitor({ name: `Lead ${n}` }))),
          ),
        ),
      );
      pushing = false;
      await puller;

      const total = PUSHES * OPS_PER_PUSH;
      for (const plan of plans) {
        const revs = plan.results.map((r) => r.rev);
        expect(revs).toEqual(range(plan.rev - OPS_PER_PUSH + 1, plan.rev)); // each batch one unbroken block
      }
      expect(plans.flatMap((p) => p.results.map((r) => r.rev)).sort((x, y) => x! - y!)).toEqual(range(1, total));
      expect(seen).toEqual(range(1, total)); // strictly increasing, no gap, no repeat
    } finally {
      await otherInstance.close();
    }
  });

  it('applies each migration once when two processes migrate a new database together', async () => {
    const url = await cluster.createDatabase('migration_race');
    const [first, second] = [new PostgresStorage(url), new PostgresStorage(url)];
    const inspect = new pg.Client({ connectionString: url });
    try {
      await Promise.all([first.migrate(), second.migrate()]);
      await first.migrate(); // already up to date: a no-op, not an error
      await inspect.connect();
      const { rows } = await inspect.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all([first.close(), second.close(), inspect.end()]);
    }
  });

  it('rolls a failing migration back whole and names it', async () => {
    const url = await cluster.createDatabase('migration_failure');
    const pool = new pg.Pool({ connectionString: url });
    try {
      const broken = { version: 999, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT 1 / 0;' };
      await expect(runPostgresMigrations(pool, [...POSTGRES_MIGRATIONS, broken])).rejects.toThrow('migration 999 (broken) failed');
      const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect((await pool.query(`SELECT to_regclass('half_done') AS t`)).rows[0]).toEqual({ t: null });
    } finally {
      await pool.end();
    }
  });

  describe('poke hub', () => {
    it('carries a poke published on one instance to subscribers on every instance, per workspace', async () => {
      const [here, there] = [createPostgresPokeHub(cluster.url), createPostgresPokeHub(cluster.url)];
      try {
        await Promise.all([here.start(), there.start()]);
        const got = { there: [] as number[], thereOther: [] as number[], here: [] as number[] };
        there.subscribe('ws-1', (cursor) => got.there.push(cursor));
        there.subscribe('ws-2', (cursor) => got.thereOther.push(cursor));
        here.subscribe('ws-1', (cursor) => got.here.push(cursor));

        here.publish('ws-1', 41);
        here.publish('ws-2', 7);
        // Notifications arrive in order: once ws-2's is in, ws-1's has been delivered too.
        await vi.waitFor(() => expect(got.thereOther).toEqual([7]), { timeout: 10_000, interval: 10 });
        expect(got.there).toEqual([41]);
        await vi.waitFor(() => expect(got.here).toEqual([41]), { timeout: 10_000, interval: 10 });
      } finally {
        await Promise.all([here.close(), there.close()]);
      }
    });

    it('listens again after its connection is lost', async () => {
      const errors: Error[] = [];
      const options = { reconnectDelayMs: 20, onError: (err: Error) => errors.push(err) };
      const [here, there] = [createPostgresPokeHub(cluster.url, options), createPostgresPokeHub(cluster.url, options)];
      const admin = new pg.Client({ connectionString: cluster.url });
      try {
        await Promise.all([here.start(), there.start(), admin.connect()]);
        const got: number[] = [];
        there.subscribe('ws', (cursor) => got.push(cursor));
        const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
          POKE_APPLICATION_NAME,
        ]);
        expect(killed.rowCount).toBeGreaterThanOrEqual(2); // both hubs; a closed one's backend may linger

        let cursor = 0;
        await vi.waitFor(
          () => {
            here.publish('ws', ++cursor); // dropped until both ends are back
            expect(got.length).toBeGreaterThan(0);
          },
          { timeout: 10_000, interval: 20 },
        );
        expect(errors.map((e) => e.message)).toContain('terminating connection due to administrator command');
      } finally {
        await Promise.all([here.close(), there.close(), admin.end()]);
      }
    });
  });
});
