import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOp, visitor } from '../test/helpers';
import { at, pushOps, usePostgresCluster, type Member } from '../test/storageContract';
import { PostgresStorage } from './postgres';
import { POSTGRES_MIGRATIONS, runPostgresMigrations } from './postgresMigrations';
import { SqliteStorage } from './sqlite';
import { SQLITE_MIGRATIONS, runSqliteMigrations } from './sqliteMigrations';
import type { Storage } from './types';

/*
 * Migration 4 (applied op hashes) on a database that already holds applied ops: those have no
 * hash, so any replay of their opIds stays a duplicate, on both storages; new ops get one.
 */

const member: Member = { userId: randomUUID(), email: 'old@example.com', workspaceId: randomUUID() };
const oldOpId = randomUUID();
const OLD_RESULT = JSON.stringify({ status: 'applied', rev: 1, record: visitor({ name: 'Old' }), deleted: false });
const BEFORE_4 = (m: { version: number }) => m.version < 4;

async function expectOldOpsStayDuplicates(storage: Storage): Promise<void> {
  const replay = await pushOps(storage, member, [createOp(randomUUID(), visitor({ name: 'Not the same op' }), oldOpId)]);
  expect(replay.results).toEqual([{ opId: oldOpId, status: 'duplicate', rev: 1, record: visitor({ name: 'Old' }), deleted: false }]);

  const opId = randomUUID();
  const fresh = await pushOps(storage, member, [createOp(randomUUID(), visitor(), opId)]);
  expect(fresh.results[0]).toMatchObject({ status: 'applied', rev: 2 });
  const reused = await pushOps(storage, member, [createOp(randomUUID(), visitor({ name: 'Other' }), opId)]);
  expect(reused.results[0]?.error?.code).toBe('op_id_reused');
}

describe('migration 4 (applied op hashes) on SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-migration-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the ops applied before it duplicates on any replay', async () => {
    const file = path.join(dir, 'outpost.sqlite');
    const db = new Database(file);
    runSqliteMigrations(db, SQLITE_MIGRATIONS.filter(BEFORE_4));
    db.prepare("INSERT INTO workspaces (id, name, rev, created_at) VALUES (?, 'W', 1, ?)").run(member.workspaceId, at());
    db.prepare("INSERT INTO users (id, email, password_hash, workspace_id, created_at) VALUES (?, ?, 'h', ?, ?)").run(
      member.userId,
      member.email,
      member.workspaceId,
      at(),
    );
    db.prepare('INSERT INTO applied_ops (workspace_id, op_id, result, applied_at) VALUES (?, ?, ?, ?)').run(member.workspaceId, oldOpId, OLD_RESULT, at());
    db.close();

    const storage = new SqliteStorage(file);
    try {
      await storage.migrate();
      await expectOldOpsStayDuplicates(storage);
    } finally {
      await storage.close();
    }
  });
});

describe('migration 4 (applied op hashes) on PostgreSQL', () => {
  const cluster = usePostgresCluster();

  it('keeps the ops applied before it duplicates on any replay', async () => {
    const url = await cluster().createDatabase('migration_op_hashes');
    const pool = new pg.Pool({ connectionString: url });
    try {
      await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.filter(BEFORE_4));
      await pool.query("INSERT INTO workspaces (id, name, rev, created_at) VALUES ($1, 'W', 1, $2)", [member.workspaceId, at()]);
      await pool.query("INSERT INTO users (id, email, password_hash, workspace_id, created_at) VALUES ($1, $2, 'h', $3, $4)", [
        member.userId,
        member.email,
        member.workspaceId,
        at(),
      ]);
      await pool.query('INSERT INTO applied_ops (workspace_id, op_id, result, applied_at) VALUES ($1, $2, $3, $4)', [
        member.workspaceId,
        oldOpId,
        OLD_RESULT,
        at(),
      ]);
    } finally {
      await pool.end();
    }

    const storage = new PostgresStorage(url);
    try {
      await storage.migrate();
      await expectOldOpsStayDuplicates(storage);
    } finally {
      await storage.close();
    }
  });
});
