import Database from 'better-sqlite3';
import { MAX_PULL_BYTES, isCollection, type PullPage } from '../../src/core/protocol';
import type { HistoryMark } from '../../src/core/pull/compactChanges';
import type { PushPlan, PushState } from '../../src/core/push/planPush';
import { graceCutoff } from './attachments';
import { idsByCollection } from './idsByCollection';
import { WAL_CAP_PAGES, createIdleCheckpoint, type IdleCheckpoint } from './idleCheckpoint';
import {
  appliedOpValues,
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
import { runSqliteMigrations } from './sqliteMigrations';
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

const RECORD_COLUMNS = `r.collection, r.id, r.rev, r.deleted, r.data, r.updated_at AS updatedAt, u.email AS updatedBy
  FROM records r LEFT JOIN users u ON u.id = r.updated_by`;

/** Old and referenced by no live record of its workspace (through `records_card_photo`). */
const COLLECTABLE = `uploaded_at < ? AND NOT EXISTS (
  SELECT 1 FROM records r WHERE r.workspace_id = attachments.workspace_id AND r.card_photo = attachments.hash)`;

/** Every entry of the records after `since`, and the last one up to it (SQLite takes `kind` from the row of the MAX). */
const HISTORY_SINCE = `
  SELECT collection, record_id AS id, rev, kind, changes FROM history
  WHERE workspace_id = ? AND collection = ? AND record_id IN (SELECT value FROM json_each(?)) AND rev > ?
  UNION ALL
  SELECT collection, record_id AS id, MAX(rev) AS rev, kind, '{}' AS changes FROM history
  WHERE workspace_id = ? AND collection = ? AND record_id IN (SELECT value FROM json_each(?)) AND rev <= ?
  GROUP BY record_id`;

function prepare(db: Database.Database) {
  return {
    insertWorkspace: db.prepare('INSERT INTO workspaces (id, name, rev, created_at) VALUES (?, ?, 0, ?)'),
    insertUser: db.prepare('INSERT INTO users (id, email, password_hash, workspace_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    userByEmail: db.prepare<[string], UserCredentials>(
      `SELECT u.id, u.email, u.password_hash AS passwordHash, u.workspace_id AS workspaceId, w.name AS workspaceName
       FROM users u JOIN workspaces w ON w.id = u.workspace_id WHERE u.email = ?`,
    ),
    validInvite: db.prepare<[string, string], { id: string; name: string }>(
      `SELECT w.id, w.name FROM invites i JOIN workspaces w ON w.id = i.workspace_id
       WHERE i.code = ? AND i.expires_at > ? AND i.used_at IS NULL`,
    ),
    useInvite: db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE code = ? AND used_at IS NULL'),
    openInvites: db.prepare<[string, string], OpenInvite>(
      `SELECT i.code, u.email AS createdBy, i.created_at AS createdAt, i.expires_at AS expiresAt
       FROM invites i JOIN users u ON u.id = i.created_by
       WHERE i.workspace_id = ? AND i.used_at IS NULL AND i.expires_at > ? ORDER BY i.created_at DESC, i.code`,
    ),
    revokeInvite: db.prepare('DELETE FROM invites WHERE workspace_id = ? AND code = ? AND used_at IS NULL'),
    insertSession: db.prepare(
      'INSERT INTO sessions (token_hash, user_id, workspace_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    sessionByHash: db.prepare<[string], StoredSession>(
      `SELECT s.user_id AS userId, u.email, s.workspace_id AS workspaceId, w.name AS workspaceName, s.expires_at AS expiresAt
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN workspaces w ON w.id = s.workspace_id
       WHERE s.token_hash = ?`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    insertInvite: db.prepare('INSERT INTO invites (code, workspace_id, created_by, expires_at, created_at) VALUES (?, ?, ?, ?, ?)'),

    workspaceRev: db.prepare<[string], number>('SELECT rev FROM workspaces WHERE id = ?').pluck(),
    setWorkspaceRev: db.prepare('UPDATE workspaces SET rev = ? WHERE id = ? AND rev = ?'),
    appliedOps: db.prepare<[string, string], StoredOpRow>(
      `SELECT op_id AS opId, result, op_hash AS opHash FROM applied_ops
       WHERE workspace_id = ? AND op_id IN (SELECT value FROM json_each(?))`,
    ),
    // By the whole primary key: with the collection left out, SQLite walks every record of the workspace.
    recordsByIds: db.prepare<[string, string, string], StoredRecordRow>(
      `SELECT ${RECORD_COLUMNS} WHERE r.workspace_id = ? AND r.collection = ? AND r.id IN (SELECT value FROM json_each(?))`,
    ),
    upsertRecord: db.prepare(
      `INSERT INTO records (workspace_id, collection, id, rev, deleted, data, updated_at, updated_by, card_photo)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, collection, id) DO UPDATE SET
         rev = excluded.rev, deleted = excluded.deleted, data = excluded.data,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, card_photo = excluded.card_photo`,
    ),
    insertHistory: db.prepare(
      `INSERT INTO history (workspace_id, collection, record_id, rev, op_id, user_id, kind, changes, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAppliedOp: db.prepare(
      'INSERT INTO applied_ops (workspace_id, op_id, result, op_hash, applied_at) VALUES (?, ?, ?, ?, ?)',
    ),

    changesSince: db.prepare<[string, number, number], StoredRecordRow>(
      `SELECT ${RECORD_COLUMNS} WHERE r.workspace_id = ? AND r.rev > ? ORDER BY r.rev LIMIT ?`,
    ),
    countAfter: db.prepare<[string, number], number>('SELECT count(*) FROM records WHERE workspace_id = ? AND rev > ?').pluck(),
    recordExists: db.prepare<[string, string, string], number>(
      'SELECT 1 FROM records WHERE workspace_id = ? AND collection = ? AND id = ?',
    ).pluck(),
    historySince: db.prepare<[string, string, string, number, string, string, string, number], StoredHistoryMarkRow>(HISTORY_SINCE),
    historyOf: db.prepare<[string, string, string, number, number], StoredHistoryRow>(
      `SELECT h.rev, h.kind, h.at, u.email AS by, h.changes
       FROM history h LEFT JOIN users u ON u.id = h.user_id
       WHERE h.workspace_id = ? AND h.collection = ? AND h.record_id = ? AND h.rev < ?
       ORDER BY h.rev DESC LIMIT ?`,
    ),

    attachmentUploadedAt: db.prepare<[string, string], string>(
      'SELECT uploaded_at FROM attachments WHERE workspace_id = ? AND hash = ?',
    ).pluck(),
    insertAttachment: db.prepare(
      'INSERT INTO attachments (workspace_id, hash, type, size, bytes, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    renewAttachment: db.prepare('UPDATE attachments SET uploaded_at = ? WHERE workspace_id = ? AND hash = ?'),
    attachment: db.prepare<[string, string], StoredAttachment>(
      'SELECT type, bytes FROM attachments WHERE workspace_id = ? AND hash = ?',
    ),
    collectAttachments: db.prepare<[string, string]>(`DELETE FROM attachments WHERE workspace_id = ? AND ${COLLECTABLE}`),
    collectAllAttachments: db.prepare<[string]>(`DELETE FROM attachments WHERE ${COLLECTABLE}`),
  };
}

type Statements = ReturnType<typeof prepare>;

/** The default storage: one SQLite file, WAL mode, one connection per process. */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private statements: Statements | null = null;
  private readonly checkpoint: IdleCheckpoint;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma(`wal_autocheckpoint = ${WAL_CAP_PAGES}`);
    this.checkpoint = createIdleCheckpoint(() => {
      if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
    });
  }

  async migrate(): Promise<void> {
    runSqliteMigrations(this.db);
    this.statements = prepare(this.db);
  }

  async close(): Promise<void> {
    this.checkpoint.stop();
    this.db.close();
  }

  async createWorkspaceAccount(user: NewUser, workspace: { id: string; name: string }, at: string): Promise<CreateAccountResult> {
    const q = this.q;
    return this.db
      .transaction((): CreateAccountResult => {
        if (q.userByEmail.get(user.email)) return { ok: false, reason: 'email_taken' };
        q.insertWorkspace.run(workspace.id, workspace.name, at);
        q.insertUser.run(user.id, user.email, user.passwordHash, workspace.id, at);
        return { ok: true, account: { user: { id: user.id, email: user.email }, workspace } };
      })
      .immediate();
  }

  async joinWorkspaceAccount(user: NewUser, inviteCode: string, at: string): Promise<CreateAccountResult> {
    const q = this.q;
    return this.db
      .transaction((): CreateAccountResult => {
        const workspace = q.validInvite.get(inviteCode, at);
        if (!workspace) return { ok: false, reason: 'invalid_invite' };
        if (q.userByEmail.get(user.email)) return { ok: false, reason: 'email_taken' };
        q.insertUser.run(user.id, user.email, user.passwordHash, workspace.id, at);
        q.useInvite.run(at, user.id, inviteCode);
        return { ok: true, account: { user: { id: user.id, email: user.email }, workspace } };
      })
      .immediate();
  }

  async findUserByEmail(email: string): Promise<UserCredentials | null> {
    return this.q.userByEmail.get(email) ?? null;
  }

  async createSession(session: NewSession, at: string): Promise<void> {
    this.q.insertSession.run(session.tokenHash, session.userId, session.workspaceId, session.expiresAt, at);
  }

  async findSession(tokenHash: string): Promise<StoredSession | null> {
    return this.q.sessionByHash.get(tokenHash) ?? null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.q.deleteSession.run(tokenHash);
  }

  async createInvite(invite: NewInvite, at: string): Promise<void> {
    this.q.insertInvite.run(invite.code, invite.workspaceId, invite.createdBy, invite.expiresAt, at);
  }

  async listInvites(workspaceId: string, at: string): Promise<OpenInvite[]> {
    return this.q.openInvites.all(workspaceId, at);
  }

  async revokeInvite(workspaceId: string, code: string): Promise<boolean> {
    return this.q.revokeInvite.run(workspaceId, code).changes > 0;
  }

  async push(workspaceId: string, lookup: PushLookup, plan: (state: PushState) => PushPlan): Promise<PushPlan> {
    const q = this.q;
    // IMMEDIATE takes the write lock before the reads, so the state the plan sees is still
    // current when it is written (and another process waits on busy_timeout instead of failing).
    const result = this.db
      .transaction((): PushPlan => {
        const rev = q.workspaceRev.get(workspaceId);
        if (rev === undefined) throw new Error(`Workspace ${workspaceId} does not exist`);
        const applied = storedOpResults(q.appliedOps.all(workspaceId, JSON.stringify(lookup.opIds)));
        // A collection that is not one (that op is rejected on its own) has no records to read.
        const rows = [...idsByCollection(lookup.records.filter((r) => isCollection(r.collection)))].flatMap(([collection, ids]) =>
          q.recordsByIds.all(workspaceId, collection, JSON.stringify(ids)),
        );
        const records = currentRecords(rows);

        const result = plan({ rev, applied, records });

        for (const r of result.records) q.upsertRecord.run(workspaceId, ...bindable(recordValues(r)));
        for (const h of result.history) q.insertHistory.run(workspaceId, ...historyValues(h));
        for (const op of result.appliedOps) q.insertAppliedOp.run(workspaceId, ...appliedOpValues(op), result.at);
        if (result.rev !== rev && q.setWorkspaceRev.run(result.rev, workspaceId, rev).changes !== 1) {
          throw new Error(`Workspace ${workspaceId} revision moved during a push`);
        }
        return result;
      })
      .immediate();
    this.checkpoint.wrote();
    return result;
  }

  async pull(workspaceId: string, since: number, limit: number, maxBytes = MAX_PULL_BYTES): Promise<PullPage> {
    // Rows are read one at a time; pullPage stops reading where the page is full.
    // One read transaction: the count sees the same snapshot as the page.
    return this.db.transaction(() => {
      const page = pullPage(this.q.changesSince.iterate(workspaceId, since, limit + 1), since, limit, maxBytes);
      return { ...page, remaining: page.hasMore ? (this.q.countAfter.get(workspaceId, page.cursor) ?? 0) : 0 };
    })();
  }

  async historySince(workspaceId: string, since: number, records: readonly { collection: string; id: string }[]): Promise<HistoryMark[]> {
    const marks: HistoryMark[] = [];
    for (const [collection, ids] of idsByCollection(records)) {
      const json = JSON.stringify(ids);
      const rows = this.q.historySince.all(workspaceId, collection, json, since, workspaceId, collection, json, since);
      marks.push(...rows.map(toHistoryMark));
    }
    return marks;
  }

  async history(workspaceId: string, collection: string, recordId: string, page: HistoryPageQuery): Promise<HistoryPage | null> {
    if (!this.q.recordExists.get(workspaceId, collection, recordId)) return null;
    return historyPage(this.q.historyOf.all(workspaceId, collection, recordId, page.before, page.limit + 1), page.limit);
  }

  async putAttachment(workspaceId: string, attachment: NewAttachment, at: string): Promise<{ stored: boolean }> {
    const q = this.q;
    const { hash, type, bytes } = attachment;
    const result = this.db
      .transaction((): { stored: boolean; wrote: boolean } => {
        const uploadedAt = q.attachmentUploadedAt.get(workspaceId, hash);
        if (uploadedAt === undefined) {
          q.insertAttachment.run(workspaceId, hash, type, bytes.length, bytes, at);
          return { stored: true, wrote: true };
        }
        if (uploadedAt >= graceCutoff(at)) return { stored: false, wrote: false };
        q.renewAttachment.run(at, workspaceId, hash);
        return { stored: false, wrote: true };
      })
      .immediate();
    if (result.wrote) this.checkpoint.wrote();
    return { stored: result.stored };
  }

  async getAttachment(workspaceId: string, hash: string): Promise<StoredAttachment | null> {
    return this.q.attachment.get(workspaceId, hash) ?? null;
  }

  async collectAttachments(workspaceId: string | null, olderThan: string): Promise<number> {
    const q = this.q;
    // IMMEDIATE: another process's push commits either before the reads or after the deletes.
    const removed = this.db
      .transaction(() =>
        workspaceId === null ? q.collectAllAttachments.run(olderThan) : q.collectAttachments.run(workspaceId, olderThan),
      )
      .immediate().changes;
    if (removed > 0) this.checkpoint.wrote();
    return removed;
  }

  private get q(): Statements {
    if (!this.statements) throw new Error('SqliteStorage: call migrate() before using the storage');
    return this.statements;
  }
}

/** SQLite binds no booleans: they go in as 0 and 1. */
function bindable(values: readonly unknown[]): unknown[] {
  return values.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}
