import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { visitor } from '../test/helpers';
import { afterPostgresMigration, afterSqliteMigration } from '../test/migrationWorld';
import { at, usePostgresCluster } from '../test/storageContract';
import { graceCutoff } from './attachments';
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

const BEFORE_2 = (m: { version: number }) => m.version < 2;

describe('migration 2 (attachments)', () => {
  const cluster = usePostgresCluster();

  it('on SQLite, references the photos of the live records already stored', async () => {
    await afterSqliteMigration(
      BEFORE_2,
      (db) => {
        db.prepare("INSERT INTO workspaces (id, name, rev, created_at) VALUES (?, 'W', 4, ?)").run(workspaceId, at());
        const insert = db.prepare('INSERT INTO records (workspace_id, collection, id, rev, deleted, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        RECORDS.forEach(([deleted, data], i) => insert.run(workspaceId, 'visitors', randomUUID(), i + 1, Number(deleted), JSON.stringify(data), at()));
      },
      expectReferencesKept,
    );
  });

  it('on PostgreSQL, references the photos of the live records already stored', async () => {
    await afterPostgresMigration(
      await cluster().createDatabase('migration_attachments'),
      BEFORE_2,
      async (pool) => {
        await pool.query("INSERT INTO workspaces (id, name, rev, created_at) VALUES ($1, 'W', 4, $2)", [workspaceId, at()]);
        for (const [i, [deleted, data]] of RECORDS.entries()) {
          const row = [workspaceId, 'visitors', randomUUID(), i + 1, deleted, JSON.stringify(data), at()];
          await pool.query('INSERT INTO records (workspace_id, collection, id, rev, deleted, data, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', row);
        }
      },
      expectReferencesKept,
    );
  });
});
