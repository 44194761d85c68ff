import type Database from 'better-sqlite3';
import type { Migration } from './types';

/** Numbered, append-only: never edit a migration that has shipped, add the next one. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        rev INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX users_workspace ON users(workspace_id);
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE invites (
        code TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        created_by TEXT NOT NULL REFERENCES users(id),
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE records (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        rev INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES users(id),
        PRIMARY KEY (workspace_id, collection, id)
      );
      -- Each change takes its own workspace revision, so a revision names one row.
      CREATE UNIQUE INDEX records_workspace_rev ON records(workspace_id, rev);
      CREATE TABLE applied_ops (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        op_id TEXT NOT NULL,
        result TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, op_id)
      );
      CREATE TABLE history (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        collection TEXT NOT NULL,
        record_id TEXT NOT NULL,
        rev INTEGER NOT NULL,
        op_id TEXT NOT NULL,
        user_id TEXT REFERENCES users(id),
        kind TEXT NOT NULL,
        changes TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX history_record ON history(workspace_id, collection, record_id, rev);
    `,
  },
  {
    version: 2,
    name: 'attachments',
    // card_photo: the photo a live record references (null for a tombstone), so collecting
    // attachments probes an index instead of reading every record's JSON.
    sql: `
      CREATE TABLE attachments (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        hash TEXT NOT NULL,
        type TEXT NOT NULL,
        size INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        uploaded_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, hash)
      );
      CREATE INDEX attachments_uploaded ON attachments(uploaded_at);
      ALTER TABLE records ADD COLUMN card_photo TEXT;
      UPDATE records SET card_photo = json_extract(data, '$.cardPhoto')
        WHERE deleted = 0 AND json_type(data, '$.cardPhoto') = 'text';
      CREATE INDEX records_card_photo ON records(workspace_id, card_photo) WHERE card_photo IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'single-use invites',
    // An invite admits one person: joining sets used_at/used_by (kept: who joined with which
    // code). Open invites (used_at IS NULL) are listed per workspace, newest first.
    sql: `
      ALTER TABLE invites ADD COLUMN used_at TEXT;
      ALTER TABLE invites ADD COLUMN used_by TEXT REFERENCES users(id) ON DELETE SET NULL;
      CREATE INDEX invites_open ON invites(workspace_id, created_at) WHERE used_at IS NULL;
    `,
  },
  {
    version: 4,
    name: 'applied op hashes',
    // The SHA-256 of each applied op's canonical JSON (src/core/push/opHash.ts), so that another
    // op sent under a used opId is refused rather than answered as a duplicate. Null for the ops
    // applied before: any replay of those stays a duplicate.
    sql: `
      ALTER TABLE applied_ops ADD COLUMN op_hash TEXT;
    `,
  },
];

/** Applies the migrations `db` has not seen yet, each in its own transaction. */
export function runSqliteMigrations(db: Database.Database, migrations: readonly Migration[] = SQLITE_MIGRATIONS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    // Checked inside the write lock, so two processes starting together apply each one once.
    db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
