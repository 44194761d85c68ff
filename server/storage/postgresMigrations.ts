import type pg from 'pg';
import type { Migration } from './types';

/**
 * Numbered, append-only: never edit a migration that has shipped, add the next one.
 * JSON is kept as text, not jsonb: jsonb reorders object keys and refuses `\u0000`, and the
 * server never queries inside it.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE workspaces (
        id text PRIMARY KEY,
        name text NOT NULL,
        rev bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL CONSTRAINT users_email_key UNIQUE,
        password_hash text NOT NULL,
        workspace_id text NOT NULL REFERENCES workspaces(id),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX users_workspace ON users(workspace_id);
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        workspace_id text NOT NULL REFERENCES workspaces(id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE invites (
        code text PRIMARY KEY,
        workspace_id text NOT NULL REFERENCES workspaces(id),
        created_by text NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE records (
        workspace_id text NOT NULL REFERENCES workspaces(id),
        collection text NOT NULL,
        id text NOT NULL,
        rev bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text REFERENCES users(id),
        PRIMARY KEY (workspace_id, collection, id)
      );
      -- Each change takes its own workspace revision, so a revision names one row.
      CREATE UNIQUE INDEX records_workspace_rev ON records(workspace_id, rev);
      CREATE TABLE applied_ops (
        workspace_id text NOT NULL REFERENCES workspaces(id),
        op_id text NOT NULL,
        result text NOT NULL,
        applied_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, op_id)
      );
      CREATE TABLE history (
        workspace_id text NOT NULL REFERENCES workspaces(id),
        collection text NOT NULL,
        record_id text NOT NULL,
        rev bigint NOT NULL,
        op_id text NOT NULL,
        user_id text REFERENCES users(id),
        kind text NOT NULL,
        changes text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX history_record ON history(workspace_id, collection, record_id, rev);
    `,
  },
  {
    version: 2,
    name: 'attachments',
    // card_photo: the photo a live record references (null for a tombstone), so collecting
    // attachments probes an index. The backfill matches the text JSON.stringify wrote rather than
    // parsing it: \u0000 in any field makes ->> fail for the whole row. A quote inside a string
    // is always escaped, so the pattern only matches the key itself.
    sql: `
      CREATE TABLE attachments (
        workspace_id text NOT NULL REFERENCES workspaces(id),
        hash text NOT NULL,
        type text NOT NULL,
        size integer NOT NULL,
        bytes bytea NOT NULL,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, hash)
      );
      CREATE INDEX attachments_uploaded ON attachments(uploaded_at);
      ALTER TABLE records ADD COLUMN card_photo text;
      UPDATE records SET card_photo = substring(data from '"cardPhoto":"([0-9a-f]{64})"')
        WHERE NOT deleted AND data LIKE '%"cardPhoto":"%';
      CREATE INDEX records_card_photo ON records(workspace_id, card_photo) WHERE card_photo IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'single-use invites',
    // An invite admits one person: joining sets used_at/used_by (kept: who joined with which
    // code). Open invites (used_at IS NULL) are listed per workspace, newest first.
    sql: `
      ALTER TABLE invites ADD COLUMN used_at timestamptz, ADD COLUMN used_by text REFERENCES users(id) ON DELETE SET NULL;
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
      ALTER TABLE applied_ops ADD COLUMN op_hash text;
    `,
  },
];

/** Any constant that every Outpost process agrees on; it names the migration lock. */
const MIGRATION_LOCK_KEY = 7_061_730_517;

const CREATE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export async function runPostgresMigrations(pool: pg.Pool, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<void> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      await applyOnce(client, migration);
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    // A client whose transaction failed may be unusable: the pool drops it instead of reusing it.
    client.release(failure);
  }
}

async function applyOnce(client: pg.PoolClient, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    // Two processes starting together queue on this lock (held until COMMIT), so the second
    // sees the first one's bookkeeping row and skips the migration. The bookkeeping table is
    // created under the lock too: concurrent CREATE TABLE IF NOT EXISTS can fail.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_BOOKKEEPING);
    const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
    if (done.rowCount === 0) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`PostgreSQL migration ${migration.version} (${migration.name}) failed`, { cause: err });
  }
}
