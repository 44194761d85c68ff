import type { Collection, ConflictKind, OpKind, VisitorData, VisitorPatch, OpError } from '../protocol';

export type { OpError } from '../protocol';

/**
 * Row types of the local database. They live apart from `schema.ts` so the pure sync modules
 * can name them without importing Dexie.
 */

export type SyncState = 'synced' | 'pending' | 'conflict' | 'failed';

/** What the UI shows: the server's state with this device's pending edits applied. */
export interface LocalVisitor {
  id: string;
  data: VisitorData;
  syncState: SyncState;
  /** Set while the record's changes are rejected (syncState 'failed'). */
  error?: OpError;
  /** Lower-cased name, for ordering and search. */
  sortName: string;
  /**
   * Revision of the server version the row is based on (absent for a record the server has not
   * seen). A synced row *is* that server version, so no shadow row is stored for it (shadow.ts).
   */
  serverRev?: number;
  /** When this device last wrote the row (a local edit or a sync), epoch ms. Display only. */
  localUpdatedAt: number;
}

/**
 * The last server version of a record: the common ancestor for three-way merges. Stored only
 * while the local row differs from it (pending ops, conflict, rejection) or for a tombstone;
 * for a synced row the row itself is the server version (see shadow.ts).
 */
export interface Shadow {
  id: string;
  collection: Collection;
  rev: number;
  deleted: boolean;
  /** For a tombstone, the record's last data (so a person's edits stay visible). */
  data: VisitorData;
}

export type OpState = 'pending' | 'failed';

/**
 * Who made a queued change: the person signed in on this device at the local write. It stays on
 * the device (the server knows the author from the session, see wire.ts); a drain sends only
 * the signed-in person's ops (author.ts).
 */
export interface OpAuthor {
  /** The user id of the session. */
  id: string;
  email: string;
}

/**
 * One queued change. An op is in flight iff `seq <= meta.inflightThrough`; it may have reached
 * the server iff `seq <= meta.sentThrough` (see src/sync/outbox.ts).
 */
export interface OutboxOp {
  seq?: number;
  opId: string;
  collection: Collection;
  id: string;
  kind: OpKind;
  /** create: the full record. */
  data?: VisitorData;
  /** update: the changed fields' new values. */
  patch?: VisitorPatch;
  /** update: each patched field's local value just before the edit; delete: the record as last seen here. */
  base?: VisitorPatch;
  /**
   * update: the revision of the record's server version (its shadow) at the edit; absent for ops
   * queued before protocol 4. A hint for a compact answer (pushResult.ts), never for the merge.
   */
  baseRev?: number;
  state: OpState;
  /** How many times the server turned it down. */
  attempts: number;
  lastError?: OpError;
  /** Epoch ms, display only. */
  createdAt: number;
  /** Absent on ops queued before authors were kept (and ops written while nobody was signed in): they count as the signed-in person's. */
  author?: OpAuthor;
}

/**
 * A photo's bytes on this device, by content. `pending`: taken here, not yet on the server (the
 * drainer uploads it); `synced`: the server has it (uploaded from here, or downloaded);
 * `failed`: the server refused it (`lastError`), so it waits for the person.
 */
export interface LocalAttachment {
  hash: string;
  type: string;
  bytes: ArrayBuffer;
  state: 'pending' | 'synced' | 'failed';
  lastError?: OpError;
  /** Epoch ms, display only. */
  addedAt: number;
}

/** A conflict the person has to settle; at most one per record (later ones fold into it). */
export interface ConflictRecord {
  id: string;
  collection: Collection;
  kind: ConflictKind;
  /** The contended fields. */
  fields: string[];
  /** For each field in `mine`, the value this device started from (earliest). */
  base: VisitorPatch;
  /**
   * This device's values the server does not have: the contended fields plus edits made while
   * the conflict is open (those are not queued). Empty for delete-update (this device deleted).
   */
  mine: VisitorPatch;
  /** The server's values of the contended fields (newest seen). */
  theirs: Record<string, unknown>;
  theirsBy: string | null;
  theirsAt: string | null;
  /** Epoch ms. */
  detectedAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}
