import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitor } from '../test/helpers';
import { at, usePostgresCluster } from '../test/storageContract';
import { graceCutoff } from './attachments';
import { PostgresStorage } from './postgres';
import { POSTGRES_MIGRATIONS, runPostgresMigrations } from './postgresMigrations';
import { SqliteStorage } from './sqlite';
import { SQLITE_MIGRATIONS, runSqliteMigrations } from './sqliteMigrations';
import type { Storage } from './types';

/*
 * Migration 2 (attachments) on a database that already holds records: the photos they name are
 * referenced from the start, on both storages, and a notes field holding \u0000 (which PostgreSQL's
 * JSON operators refuse) does not stop the migration.
 */

const workspaceId = randomUUID();
type Photo = { hash: string; type: 'image/jpeg'; bytes: Buffer };
const photos = ['live', 'tombstone', 'nul'].map(() => {
  const bytes = randomBytes(64);
  return { hash: createHash('sha256').update(bytes).digest('hex'), type: 'image/jpeg' as const, bytes };
});
const [live, ofTombstone, besideNul] = photos as [Photo, Photo, Photo];
/** [deleted, data] of the records stored before migration 2. */
const RECORDS: [boolean, object][] = [
  [false, visitor({ cardPhoto: live.hash })],
  [true, visitor({ cardPhoto: ofTombstone.hash })],
  [false, visitor({ cardPhoto: besideNul.hash, notes: 'before\u0000after' })],
  [false, { name: 'From before the field existed' }],
];

async function expectReferencesKept(storage: Storage): Promise<void> {
  for (const p of photos) await storage.putAttachment(workspaceId, p, at(0));
  expect(await storage.collectAttachments(workspaceId, graceCutoff(at(48)))).toBe(1);
  expect(await storage.getAttachment(workspaceId, live.hash)).not.toBeNull();
  expect(await storage.getAttachment(workspaceId, besideNul.hash)).not.toBeNull();
  expect(await storage.getAttachment(workspaceId, ofTombstone.hash)).toBeNull();
}

describe('migration 2 (attachments) on SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-migration-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('references the photos of the live records already stored', async () => {
    const file = path.join(dir, 'outpost.sqlite');
    const db = new Database(file);
    runSqliteMigrations(db, SQLITE_MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO workspaces (id, name, rev, created_at) VALUES (?, 'W', 4, ?)").run(workspaceId, at());
    const insert = db.prepare('INSERT INTO records (workspace_id, collection, id, rev, deleted, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    RECORDS.forEach(([deleted, data], i) => insert.run(workspaceId, 'visitors', randomUUID(), i + 1, Number(deleted), JSON.stringify(data), at()));
    db.close();

    const storage = new SqliteStorage(file);
    try {
      await storage.migrate();
      await expectReferencesKept(storage);
    } finally {
      await storage.close();
    }
  });
});

describe('migration 2 (attachments) on PostgreSQL', () => {
  const cluster = usePostgresCluster();

  it('references the photos of the live records already stored', async () => {
    const url = await cluster().createDatabase('migration_attachments');
    const pool = new pg.Pool({ connectionString: url });
    try {
      await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.slice(0, 1));
      await pool.query("INSERT INTO workspaces (id, name, rev, created_at) VALUES ($1, 'W', 4, $2)", [workspaceId, at()]);
      for (const [i, [deleted, data]] of RECORDS.entries()) {
        await pool.query('INSERT INTO records (workspace_id, collection, id, rev, deleted, data, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          workspaceId,
          'visitors',
          randomUUID(),
          i + 1,
          deleted,
          JSON.stringify(data),
          at(),
        ]);
      }
    } finally {
      await pool.end();
    }

    const storage = new PostgresStorage(url);
    try {
      await storage.migrate();
      await expectReferencesKept(storage);
    } finally {
      await storage.close();
    }
  });
});
