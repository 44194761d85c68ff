import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOp, visitor } from '../test/helpers';
import { afterPostgresMigration, afterSqliteMigration } from '../test/migrationWorld';
import { at, pushOps, usePostgresCluster, type Member } from '../test/storageContract';
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

describe('migration 4 (applied op hashes)', () => {
  const cluster = usePostgresCluster();

  it('on SQLite, keeps the ops applied before it duplicates on any replay', async () => {
    await afterSqliteMigration(
      BEFORE_4,
      (db) => {
        db.prepare("INSERT INTO workspaces (id, name, rev, created_at) VALUES (?, 'W', 1, ?)").run(member.workspaceId, at());
        db.prepare("INSERT INTO users (id, email, password_hash, workspace_id, created_at) VALUES (?, ?, 'h', ?, ?)").run(member.userId, member.email, member.workspaceId, at());
        db.prepare('INSERT INTO applied_ops (workspace_id, op_id, result, applied_at) VALUES (?, ?, ?, ?)').run(member.workspaceId, oldOpId, OLD_RESULT, at());
      },
      expectOldOpsStayDuplicates,
    );
  });

  it('on PostgreSQL, keeps the ops applied before it duplicates on any replay', async () => {
    await afterPostgresMigration(
      await cluster().createDatabase('migration_op_hashes'),
      BEFORE_4,
      async (pool) => {
        await pool.query("INSERT INTO workspaces (id, name, rev, created_at) VALUES ($1, 'W', 1, $2)", [member.workspaceId, at()]);
        await pool.query("INSERT INTO users (id, email, password_hash, workspace_id, created_at) VALUES ($1, $2, 'h', $3, $4)", [member.userId, member.email, member.workspaceId, at()]);
        await pool.query('INSERT INTO applied_ops (workspace_id, op_id, result, applied_at) VALUES ($1, $2, $3, $4)', [member.workspaceId, oldOpId, OLD_RESULT, at()]);
      },
      expectOldOpsStayDuplicates,
    );
  });
});
