import pg from 'pg';
import { MAX_PULL_BYTES, isCollection, type PullPage } from '../../src/core/protocol';
import type { HistoryMark } from '../../src/core/pull/compactChanges';
import type { PushPlan, PushState } from '../../src/core/push/planPush';
import { idsByCollection } from './idsByCollection';
import * as attachments from './postgresAttachments';
import * as invites from './postgresInvites';
import { runPostgresMigrations } from './postgresMigrations';
import {
  appliedOpValues,
  CHANGE_ENVELOPE_BYTES,
  currentRecords,
  historyPage,
  historyValues,
  pullPage,
  recordValues,
  storedOpResults,
  toHistoryMark,
  type StoredHistoryMarkRow,
  type StoredHistoryRow,
  type StoredOpRow,
  type StoredRecordRow,
} from './rowMapping';
import type {
  CreateAccountResult,
  HistoryPage,
  HistoryPageQuery,
  NewAttachment,
  NewInvite,
  NewSession,
  NewUser,
  OpenInvite,
  PushLookup,
  Storage,
  StoredAttachment,
  StoredSession,
  UserCredentials,
} from './types';

const RECORD_COLUMNS = `r.collection, r.id, r.rev, r.deleted, r.data, r.updated_at AS "updatedAt", u.email AS "updatedBy"
  FROM records r LEFT JOIN users u ON u.id = r.updated_by`;

const USER_BY_EMAIL = `SELECT u.id, u.email, u.password_hash AS "passwordHash", u.workspace_id AS "workspaceId", w.name AS "workspaceName"
  FROM users u JOIN workspaces w ON w.id = u.workspace_id WHERE u.email = $1`;

// Data-modifying CTEs run to completion whether or not the outer query reads them; the FK and
// email checks hold for the statement as a whole, so each account write is one atomic statement.
const CREATE_WORKSPACE_ACCOUNT = `WITH w AS (
    INSERT INTO workspaces (id, name, rev, created_at) VALUES ($1, $2, 0, $6::timestamptz) RETURNING id
  )
  INSERT INTO users (id, email, password_hash, workspace_id, created_at) SELECT $3, $4, $5, w.id, $6::timestamptz FROM w`;

// The invite is used up by the same statement: its row lock makes a second join with the code
// wait, then find it used. A failed insert (email taken) undoes the whole statement.
const JOIN_WORKSPACE_ACCOUNT = `WITH invited AS (
    UPDATE invites i SET used_at = $5::timestamptz, used_by = $1
    FROM workspaces w
    WHERE w.id = i.workspace_id AND i.code = $4 AND i.expires_at > $5::timestamptz AND i.used_at IS NULL
    RETURNING w.id, w.name
  ), joined AS (
    INSERT INTO users (id, email, password_hash, workspace_id, created_at)
    SELECT $1, $2, $3, invited.id, $5::timestamptz FROM invited
  )
  SELECT id, name FROM invited`;

const UPSERT_RECORDS = `INSERT INTO records (workspace_id, collection, id, rev, deleted, data, updated_at, updated_by, card_photo)
  SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::boolean[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
  ON CONFLICT (workspace_id, collection, id) DO UPDATE SET
    rev = excluded.rev, deleted = excluded.deleted, data = excluded.data,
    updated_at = excluded.updated_at, updated_by = excluded.updated_by, card_photo = excluded.card_photo`;

const INSERT_HISTORY = `INSERT INTO history (workspace_id, collection, record_id, rev, op_id, user_id, kind, changes, at)
  SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])`;

const INSERT_APPLIED_OPS = `INSERT INTO applied_ops (workspace_id, op_id, result, op_hash, applied_at)
  SELECT $1::text, op_id, result, op_hash, $5::timestamptz FROM unnest($2::text[], $3::text[], $4::text[]) AS t(op_id, result, op_hash)`;

/*
 * A pull page, cut by size in SQL so that rows past it are never sent (nor their data read from
 * TOAST: octet_length reads a stored value's size from its header). `before` is the size of the
 * changes ahead of each row. The rows kept are the page pullPage takes (the first row, then each
 * while the page stays within $4 bytes) plus the first that does not fit, which says there is more.
 */
/** Every entry of the records after `since` ($4), and the last one up to it. */
const HISTORY_SINCE = `
  SELECT collection, record_id AS id, rev, kind, changes FROM history
  WHERE workspace_id = $1 AND collection = $2 AND record_id = ANY($3::text[]) AND rev > $4
  UNION ALL
  (SELECT DISTINCT ON (record_id) collection, record_id AS id, rev, kind, '{}' AS changes FROM history
   WHERE workspace_id = $1 AND collection = $2 AND record_id = ANY($3::text[]) AND rev <= $4
   ORDER BY record_id, rev DESC)`;

const PULL_PAGE = `SELECT p.collection, p.id, p.rev, p.deleted, p.data, p.updated_at AS "updatedAt", u.email AS "updatedBy", p.size
  FROM (
    SELECT s.*, row_number() OVER w AS n,
      coalesce(sum(s.size) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM (
      SELECT r.*, octet_length(r.data) + ${CHANGE_ENVELOPE_BYTES} AS size
      FROM records r WHERE r.workspace_id = $1 AND r.rev > $2 ORDER BY r.rev LIMIT $3
    ) s
    WINDOW w AS (ORDER BY s.rev)
  ) p LEFT JOIN users u ON u.id = p.updated_by
  WHERE p.n <= 2 OR p.before <= $4
  ORDER BY p.rev`;

/** Storage for several server instances sharing one PostgreSQL database, through a pool. */
export class PostgresStorage implements Storage {
  private readonly pool: pg.Pool;

  constructor(config: string | pg.PoolConfig) {
    this.pool = new pg.Pool(typeof config === 'string' ? { connectionString: config } : config);
    // An idle client whose connection dropped is already out of the pool; without a listener
    // the event would crash the process. The next query reports the outage to its caller.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    await runPostgresMigrations(this.pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async createWorkspaceAccount(user: NewUser, workspace: { id: string; name: string }, at: string): Promise<CreateAccountResult> {
    try {
      await this.pool.query(CREATE_WORKSPACE_ACCOUNT, [workspace.id, workspace.name, user.id, user.email, user.passwordHash, at]);
    } catch (err) {
      if (isEmailTaken(err)) return { ok: false, reason: 'email_taken' };
      throw err;
    }
    return { ok: true, account: { user: { id: user.id, email: user.email }, workspace } };
  }

  async joinWorkspaceAccount(user: NewUser, inviteCode: string, at: string): Promise<CreateAccountResult> {
    let rows: { id: string; name: string }[];
    try {
      ({ rows } = await this.pool.query(JOIN_WORKSPACE_ACCOUNT, [user.id, user.email, user.passwordHash, inviteCode, at]));
    } catch (err) {
      if (isEmailTaken(err)) return { ok: false, reason: 'email_taken' };
      throw err;
    }
    const workspace = rows[0];
    if (!workspace) return { ok: false, reason: 'invalid_invite' };
    return { ok: true, account: { user: { id: user.id, email: user.email }, workspace: { id: workspace.id, name: workspace.name } } };
  }

  async findUserByEmail(email: string): Promise<UserCredentials | null> {
    const { rows } = await this.pool.query<UserCredentials>(USER_BY_EMAIL, [email]);
    return rows[0] ?? null;
  }

  async createSession(session: NewSession, at: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (token_hash, user_id, workspace_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
      [session.tokenHash, session.userId, session.workspaceId, session.expiresAt, at],
    );
  }

  async findSession(tokenHash: string): Promise<StoredSession | null> {
    const { rows } = await this.pool.query<Omit<StoredSession, 'expiresAt'> & { expiresAt: Date }>(
      `SELECT s.user_id AS "userId", u.email, s.workspace_id AS "workspaceId", w.name AS "workspaceName", s.expires_at AS "expiresAt"
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN workspaces w ON w.id = s.workspace_id
       WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    return row ? { ...row, expiresAt: row.expiresAt.toISOString() } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async createInvite(invite: NewInvite, at: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO invites (code, workspace_id, created_by, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
      [invite.code, invite.workspaceId, invite.createdBy, invite.expiresAt, at],
    );
  }

  async listInvites(workspaceId: string, at: string): Promise<OpenInvite[]> {
    return invites.listInvites(this.pool, workspaceId, at);
  }

  async revokeInvite(workspaceId: string, code: string): Promise<boolean> {
    return invites.revokeInvite(this.pool, workspaceId, code);
  }

  async push(workspaceId: string, lookup: PushLookup, plan: (state: PushState) => PushPlan): Promise<PushPlan> {
    return this.transaction(async (client) => {
      // The row lock serializes pushes to one workspace until COMMIT, so revisions commit in
      // order and a pull never sees a revision before the lower ones (docs/ARCHITECTURE.md,
      // "Invariants").
      // NO KEY UPDATE rather than UPDATE: it still excludes other pushes, but not the foreign
      // key checks of a sign-in or a join in the same workspace, which need not wait for it.
      const locked = await client.query<{ rev: string }>('SELECT rev FROM workspaces WHERE id = $1 FOR NO KEY UPDATE', [
        workspaceId,
      ]);
      const lockedRow = locked.rows[0];
      if (!lockedRow) throw new Error(`Workspace ${workspaceId} does not exist`);
      const rev = Number(lockedRow.rev);

      const appliedRows = await client.query<StoredOpRow>(
        'SELECT op_id AS "opId", result, op_hash AS "opHash" FROM applied_ops WHERE workspace_id = $1 AND op_id = ANY($2::text[])',
        [workspaceId, lookup.opIds],
      );
      const applied = storedOpResults(appliedRows.rows);

      const recordRows: StoredRecordRow[] = [];
      // A collection that is not one (that op is rejected on its own) has no records to read.
      for (const [collection, ids] of idsByCollection(lookup.records.filter((r) => isCollection(r.collection)))) {
        // By the whole primary key, as on SQLite.
        const found = await client.query<StoredRecordRow>(
          `SELECT ${RECORD_COLUMNS} WHERE r.workspace_id = $1 AND r.collection = $2 AND r.id = ANY($3::text[])`,
          [workspaceId, collection, ids],
        );
        recordRows.push(...found.rows);
      }
      const records = currentRecords(recordRows);

      const result = plan({ rev, applied, records });
      await write(client, workspaceId, result);
      if (result.rev !== rev) {
        await client.query('UPDATE workspaces SET rev = $1 WHERE id = $2', [result.rev, workspaceId]);
      }
      return result;
    });
  }

  async pull(workspaceId: string, since: number, limit: number, maxBytes = MAX_PULL_BYTES): Promise<PullPage> {
    const { rows } = await this.pool.query<StoredRecordRow>(PULL_PAGE, [workspaceId, since, limit + 1, maxBytes]);
    const page = pullPage(rows, since, limit, maxBytes);
    if (!page.hasMore) return { ...page, remaining: 0 };
    const after = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM records WHERE workspace_id = $1 AND rev > $2', [workspaceId, page.cursor]);
    return { ...page, remaining: Number(after.rows[0]?.n ?? 0) };
  }

  async historySince(workspaceId: string, since: number, records: readonly { collection: string; id: string }[]): Promise<HistoryMark[]> {
    const marks: HistoryMark[] = [];
    for (const [collection, ids] of idsByCollection(records)) {
      const { rows } = await this.pool.query<StoredHistoryMarkRow>(HISTORY_SINCE, [workspaceId, collection, ids, since]);
      marks.push(...rows.map(toHistoryMark));
    }
    return marks;
  }

  async history(workspaceId: string, collection: string, recordId: string, page: HistoryPageQuery): Promise<HistoryPage | null> {
    const exists = await this.pool.query('SELECT 1 FROM records WHERE workspace_id = $1 AND collection = $2 AND id = $3', [
      workspaceId,
      collection,
      recordId,
    ]);
    if (exists.rowCount === 0) return null;
    const { rows } = await this.pool.query<StoredHistoryRow>(
      `SELECT h.rev, h.kind, h.at, u.email AS by, h.changes
       FROM history h LEFT JOIN users u ON u.id = h.user_id
       WHERE h.workspace_id = $1 AND h.collection = $2 AND h.record_id = $3 AND h.rev < $4
       ORDER BY h.rev DESC LIMIT $5`,
      [workspaceId, collection, recordId, page.before, page.limit + 1],
    );
    return historyPage(rows, page.limit);
  }

  async putAttachment(workspaceId: string, attachment: NewAttachment, at: string): Promise<{ stored: boolean }> {
    return attachments.putAttachment(this.pool, workspaceId, attachment, at);
  }

  async getAttachment(workspaceId: string, hash: string): Promise<StoredAttachment | null> {
    return attachments.getAttachment(this.pool, workspaceId, hash);
  }

  async collectAttachments(workspaceId: string | null, olderThan: string): Promise<number> {
    return attachments.collectAttachments(this.pool, workspaceId, olderThan);
  }

  /** Runs `work` in one transaction on one pool client; rolls back on any error. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is gone or unusable: the pool must not hand it out again.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

/** Writes a batch's records, history and applied ops, one multi-row statement each. */
async function write(client: pg.PoolClient, workspaceId: string, result: PushPlan): Promise<void> {
  const { records, history, appliedOps } = result;
  if (records.length) await client.query(UPSERT_RECORDS, [workspaceId, ...columns(records.map(recordValues))]);
  if (history.length) await client.query(INSERT_HISTORY, [workspaceId, ...columns(history.map(historyValues))]);
  if (appliedOps.length) {
    await client.query(INSERT_APPLIED_OPS, [workspaceId, ...columns(appliedOps.map(appliedOpValues)), result.at]);
  }
}

/** Rows of values → one array per column, as `unnest` takes a batch. */
function columns(rows: readonly (readonly unknown[])[]): unknown[][] {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, i) => rows.map((row) => row[i]));
}

function isEmailTaken(err: unknown): boolean {
  return err instanceof pg.DatabaseError && err.code === '23505' && err.constraint === 'users_email_key';
}
