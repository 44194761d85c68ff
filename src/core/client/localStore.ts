import type { Session } from '../protocol';
import type { AckRow } from './acks';
import type { ConflictRecord, LocalAttachment, LocalVisitor, OutboxOp, Shadow } from './types';
import type { SyncStatus } from './status';
import type { SyncStats } from './syncStats';

/**
 * The device's sync state as the engine and the repository see it: a port with a Dexie
 * implementation (src/db/dexieStore.ts) and an in-memory one (src/sync/memoryStore.ts) that pass
 * one contract suite (src/sync/localStore.contract.test.ts). Planning is pure (this folder); a
 * transaction only reads what a planner needs and writes what it returns.
 */
export interface LocalStore {
  /**
   * Runs `work` in one atomic read-write transaction over `tables`: everything it writes lands
   * together, or nothing does if it throws. Never await the network inside `work`, and await
   * only this transaction's own promises (directly, or chained with `.then`): IndexedDB commits
   * a transaction that has nothing to do, and Dexie loses track of one whose work awaits a
   * native async step that made no request of its own (a PrematureCommitError).
   */
  transaction<T>(tables: readonly LocalTable[], work: (tx: LocalTransaction) => Promise<T>): Promise<T>;
}

/** `visitors` includes the acknowledgement journal (acks.ts): a transaction over one is over both. */
export type LocalTable = 'visitors' | 'shadows' | 'outbox' | 'conflicts' | 'meta' | 'attachments';
export const ALL_TABLES: readonly LocalTable[] = ['visitors', 'shadows', 'outbox', 'conflicts', 'meta', 'attachments'];

export interface LocalTransaction {
  /** The rows of these records as they read: stored, with the acknowledgement journal applied (acks.ts). */
  rows(ids: readonly string[]): Promise<Map<string, LocalVisitor>>;
  /** The rows as stored, journal not applied. */
  storedRows(ids: readonly string[]): Promise<Map<string, LocalVisitor>>;
  /** The journal rows that hold a version of any of these records. */
  acksOf(ids: readonly string[]): Promise<AckRow[]>;
  /** The oldest journal row, if any. */
  oldestAck(): Promise<AckRow | undefined>;
  shadows(ids: readonly string[]): Promise<Map<string, Shadow>>;
  conflicts(ids: readonly string[]): Promise<Map<string, ConflictRecord>>;
  /** Every queued op of these records, in seq order. Ops in `known` (by seq) are returned as given. */
  opsOf(ids: readonly string[], known?: ReadonlyMap<number, OutboxOp>): Promise<OutboxOp[]>;
  /** Up to `limit` queued ops with `seq > after`, in seq order. */
  opsAfter(after: number, limit: number): Promise<OutboxOp[]>;
  /** The ops the server rejected, in seq order. */
  failedOps(): Promise<OutboxOp[]>;
  /** The queued ops whose author is not `userId` (every op with an author, for null), in seq order. Ops with no author are left out. */
  opsByOthers(userId: string | null): Promise<OutboxOp[]>;
  /** How many ops are queued (pending or failed). */
  opCount(): Promise<number>;
  meta<const K extends readonly MetaKey[]>(keys: K): Promise<{ [I in keyof K]: MetaValues[K[I]] | undefined }>;
  /** The photos held here, of these hashes. */
  attachments(hashes: readonly string[]): Promise<Map<string, LocalAttachment>>;
  /** Up to `limit` photos waiting for upload, oldest first. */
  pendingAttachments(limit: number): Promise<LocalAttachment[]>;
  write(writes: LocalWrites): Promise<void>;
}

/** What a planner decided; each list is written in one bulk request. New ops get their seq in order. */
export interface LocalWrites {
  putRows?: LocalVisitor[];
  /** Rows of records created here: no row is stored under their ids (a store may skip looking). */
  addRows?: LocalVisitor[];
  deleteRows?: string[];
  putShadows?: Shadow[];
  deleteShadows?: string[];
  putConflicts?: ConflictRecord[];
  deleteConflicts?: string[];
  addOps?: OutboxOp[];
  putOps?: OutboxOp[];
  deleteOps?: number[];
  meta?: Partial<MetaValues>;
  deleteMeta?: MetaKey[];
  putAttachments?: LocalAttachment[];
  addAcks?: AckRow[];
  deleteAcks?: number[];
}

/** Every key kept in the `meta` table and the type of its value. */
export interface MetaValues {
  /** Pull cursor: the highest revision this device has applied. */
  cursor: number;
  clientId: string;
  /** The last signed-in session, so the app can start offline. Drains send only its person's ops (author.ts). */
  session: Session;
  /**
   * The user id of the stored session when the server refused it (401/403). Until someone signs
   * in again (which rewrites `session` and deletes this), no op of that person is sent: the
   * browser may meanwhile hold the cookie of the next person signing in.
   */
  sessionRefused: string;
  /** The workspace whose data this database holds (src/app/session.ts). */
  localWorkspace: { id: string; name: string };
  syncStatus: SyncStatus;
  /** Ops with `seq <=` this are in flight (0: none). Only the lock holder writes it. */
  inflightThrough: number;
  /**
   * Ops with `seq <=` this may have reached the server (a lost answer leaves no trace), so a
   * local edit never coalesces into them: the server could answer "duplicate" to the merged op
   * and drop the edit. Only grows.
   */
  sentThrough: number;
  /** What this device measured of its syncs (syncStats.ts), folded in at the end of each sync. */
  syncStats: SyncStats;
}
export type MetaKey = keyof MetaValues;

/** Merges planners' writes into one set (later lists append). */
export function mergeWrites(...all: readonly LocalWrites[]): LocalWrites {
  const out: Record<string, unknown> = {};
  for (const writes of all) {
    for (const [key, value] of Object.entries(writes)) {
      if (value === undefined) continue;
      if (key === 'meta') out.meta = { ...(out.meta as object | undefined), ...value };
      else out[key] = [...((out[key] as unknown[] | undefined) ?? []), ...(value as unknown[])];
    }
  }
  return out as LocalWrites;
}
