import type { AttachmentType, HistoryEntry, PullPage } from '../../src/core/protocol';
import type { HistoryMark } from '../../src/core/pull/compactChanges';
import type { PushPlan, PushState } from '../../src/core/push/planPush';

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
}

export interface Account {
  user: { id: string; email: string };
  workspace: { id: string; name: string };
}

export type CreateAccountResult =
  | { ok: true; account: Account }
  | { ok: false; reason: 'email_taken' | 'invalid_invite' };

export interface UserCredentials {
  id: string;
  email: string;
  passwordHash: string;
  workspaceId: string;
  workspaceName: string;
}

export interface NewSession {
  tokenHash: string;
  userId: string;
  workspaceId: string;
  expiresAt: string;
}

export interface StoredSession {
  userId: string;
  email: string;
  workspaceId: string;
  workspaceName: string;
  expiresAt: string;
}

export interface NewInvite {
  code: string;
  workspaceId: string;
  createdBy: string;
  expiresAt: string;
}

/** An invite that can still be used; `createdBy` is its creator's email. */
export interface OpenInvite {
  code: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * One numbered step of a storage's schema, in that storage's SQL dialect. Each storage keeps its
 * own list (`sqliteMigrations.ts`, `postgresMigrations.ts`): the same tables, in column types
 * each database has, so a shipped migration stays the literal SQL that ran.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** An upload whose bytes the route has checked: `hash` is their SHA-256, lower-case hex. */
export interface NewAttachment {
  hash: string;
  type: AttachmentType;
  bytes: Buffer;
}

export interface StoredAttachment {
  type: AttachmentType;
  bytes: Buffer;
}

/** Which page of a record's history: entries older than `before`, at most `limit` of them. */
export interface HistoryPageQuery {
  before: number;
  limit: number;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Older entries exist. */
  hasMore: boolean;
}

/** Which stored state a push batch needs to see. */
export interface PushLookup {
  opIds: string[];
  /** `{collection, id}` of every record the batch targets. */
  records: { collection: string; id: string }[];
}

/**
 * Everything the HTTP API stores. Async throughout so that a PostgreSQL implementation fits.
 * Every workspace-scoped method takes the workspace id and touches nothing outside it.
 * Timestamps are ISO strings from the server clock, passed in by the caller (`at`).
 */
export interface Storage {
  /** Brings the schema up to date; call once before anything else. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Creates a workspace with `user` as its first member. */
  createWorkspaceAccount(user: NewUser, workspace: { id: string; name: string }, at: string): Promise<CreateAccountResult>;
  /**
   * Adds `user` to the workspace of an invite that is unused and has not expired at `at`, and
   * marks the invite used by them in the same transaction: each invite admits one person.
   */
  joinWorkspaceAccount(user: NewUser, inviteCode: string, at: string): Promise<CreateAccountResult>;
  /** `email` as normalised by the protocol schemas (trimmed, lower case). */
  findUserByEmail(email: string): Promise<UserCredentials | null>;

  createSession(session: NewSession, at: string): Promise<void>;
  /** The session with this token hash, expired or not: the caller checks `expiresAt`. */
  findSession(tokenHash: string): Promise<StoredSession | null>;
  deleteSession(tokenHash: string): Promise<void>;

  createInvite(invite: NewInvite, at: string): Promise<void>;
  /** The workspace's invites that are unused and unexpired at `at`, newest first. */
  listInvites(workspaceId: string, at: string): Promise<OpenInvite[]>;
  /** Deletes an unused invite of this workspace; false when it has no such invite. */
  revokeInvite(workspaceId: string, code: string): Promise<boolean>;

  /**
   * Runs one push batch in a single transaction: reads the `PushState` for `lookup`, calls `plan`
   * (pure, synchronous) and writes what it returns — records, history, applied ops and the
   * workspace revision. Revisions are handed out so no change becomes visible after a higher one.
   */
  push(workspaceId: string, lookup: PushLookup, plan: (state: PushState) => PushPlan): Promise<PushPlan>;
  /**
   * Changes with `rev > since`, oldest first: at most `limit`, and no more than fit in `maxBytes`
   * (default `MAX_PULL_BYTES`) of JSON, but at least one. Never reads the rows past the page.
   */
  pull(workspaceId: string, since: number, limit: number, maxBytes?: number): Promise<PullPage>;
  /**
   * The history of `records` around `since`, for compact pulled changes (`compactChanges`): each
   * record's entries with `rev > since`, and its last entry with `rev <= since`.
   */
  historySince(workspaceId: string, since: number, records: readonly { collection: string; id: string }[]): Promise<HistoryMark[]>;
  /**
   * The record's changes with `rev < page.before`, newest first, at most `page.limit`; null when
   * the record does not exist in this workspace.
   */
  history(workspaceId: string, collection: string, recordId: string, page: HistoryPageQuery): Promise<HistoryPage | null>;

  /**
   * Stores an attachment under (workspace, hash). `stored` is false when the workspace already
   * had it: then the bytes and type stay as they were and nothing is written, except that a copy
   * old enough to be collected (`ATTACHMENT_GRACE_MS`) takes `at` as its upload time, so the op
   * that follows this upload finds it, as it would have found a new one.
   */
  putAttachment(workspaceId: string, attachment: NewAttachment, at: string): Promise<{ stored: boolean }>;
  /** Null when this workspace has no such attachment, whoever else has it. */
  getAttachment(workspaceId: string, hash: string): Promise<StoredAttachment | null>;
  /**
   * Deletes the attachments uploaded before `olderThan` that no live record of their workspace
   * references (`data.cardPhoto`), in one workspace or, with null, in all. Answers how many.
   */
  collectAttachments(workspaceId: string | null, olderThan: string): Promise<number>;
}
