import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresStorage } from '../storage/postgres';
import { POSTGRES_MIGRATIONS, runPostgresMigrations } from '../storage/postgresMigrations';
import { SqliteStorage } from '../storage/sqlite';
import { SQLITE_MIGRATIONS, runSqliteMigrations } from '../storage/sqliteMigrations';
import type { Storage } from '../storage/types';

/** Migrations that ran before the one under test. */
export type MigrationFilter = (migration: { version: number }) => boolean;

/**
 * A SQLite database as the older schema left it: migrated by the `before` migrations only,
 * holding what `seed` wrote; then opened as the server opens it (every migration runs) and
 * handed to `check`.
 */
export async function afterSqliteMigration(before: MigrationFilter, seed: (db: Database.Database) => void, check: (storage: Storage) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-migration-'));
  try {
    const file = path.join(dir, 'outpost.sqlite');
    const db = new Database(file);
    runSqliteMigrations(db, SQLITE_MIGRATIONS.filter(before));
    seed(db);
    db.close();
    await migrateAndCheck(new SqliteStorage(file), check);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same on the PostgreSQL database at `url` (a fresh one). */
export async function afterPostgresMigration(url: string, before: MigrationFilter, seed: (pool: pg.Pool) => Promise<void>, check: (storage: Storage) => Promise<void>): Promise<void> {
  const pool = new pg.Pool({ connectionString: url });
  try {
    await runPostgresMigrations(pool, POSTGRES_MIGRATIONS.filter(before));
    await seed(pool);
  } finally {
    await pool.end();
  }
  await migrateAndCheck(new PostgresStorage(url), check);
}

async function migrateAndCheck(storage: Storage, check: (storage: Storage) => Promise<void>): Promise<void> {
  try {
    await storage.migrate();
    await check(storage);
  } finally {
    await storage.close();
  }
}
