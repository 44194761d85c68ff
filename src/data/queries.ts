import type { OutpostDb } from '../db/schema';
import { opsByOthers, pendingAttachments } from '../db/dexieStore';
import type { ConflictKind } from '../core/protocol';
import type { ConflictRecord, LocalVisitor, OutboxOp, Shadow } from '../core/client/types';
import { getMeta } from '../db/meta';
import { effectiveShadow } from '../core/client/shadow';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../core/client/status';
import { EMPTY_SYNC_STATS, type SyncStats } from '../core/client/syncStats';
import { waitingByAuthor, type WaitingAuthor } from '../core/client/author';
import { hasFilters, matchesFilters, matchesSearch, type VisitorFilters } from './visitorOrder';

/**
 * Reads of the local database. They only read, so `liveQueries.ts` can re-run them whenever a
 * write (local or sync) touches what they read; that is how the UI gets them.
 */

/** Visitors ordered by name; `search` matches name, company, email or notes (substring, any case); `filters` as the list's. */
export async function listVisitors(db: OutpostDb, search = '', filters: VisitorFilters = {}): Promise<LocalVisitor[]> {
  const rows = await db.visitors.orderBy('sortName').toArray();
  return search.trim() || hasFilters(filters) ? rows.filter((row) => matchesSearch(row, search) && matchesFilters(row, filters)) : rows;
}

export { visitorSummary, visitorWindow, type VisitorSummary, type VisitorWindow, type VisitorWindowRequest } from './visitorWindow';

export function getVisitor(db: OutpostDb, id: string): Promise<LocalVisitor | undefined> {
  return db.visitors.get(id);
}

/**
 * Changes waiting to be sent (including ones held behind a rejected change). Ops are pending or
 * failed (in flight is a watermark, not a state), so this is every op but the failed ones: a
 * primary-key count is cheaper than counting an index, and this re-runs after every drain batch.
 */
export function pendingCount(db: OutpostDb): Promise<number> {
  return db.transaction('r', db.outbox, async () => {
    const [all, failed] = await Promise.all([db.outbox.count(), db.outbox.where('state').equals('failed').count()]);
    return all - failed;
  });
}

/**
 * Records whose changes the server rejected; they stay until edited or discarded. Such a record
 * has a failed op and no open conflict (a conflict shows first, see sync/row.ts). Read from the
 * outbox, which has an index on state, rather than from the rows (which do not, see db/schema.ts).
 */
export function failedCount(db: OutpostDb): Promise<number> {
  return db.transaction('r', db.outbox, db.conflicts, async () => recordsFailedBy(db, await failedOps(db)));
}

const failedOps = (db: OutpostDb) => db.outbox.where('state').equals('failed').toArray();

async function recordsFailedBy(db: OutpostDb, failed: readonly OutboxOp[]): Promise<number> {
  const ids = [...new Set(failed.map((op) => op.id))];
  if (!ids.length) return 0;
  const conflicts = await db.conflicts.bulkGet(ids);
  return conflicts.filter((c) => c === undefined).length;
}

export function conflictCount(db: OutpostDb): Promise<number> {
  return db.conflicts.count();
}

export interface OutboxCounts {
  /** Changes the signed-in person's drain will send (some may wait behind a rejection or another person's change). */
  pending: number;
  /** Other people's changes, waiting for them to sign in on this device. */
  waiting: WaitingAuthor[];
  failed: number;
  conflicts: number;
  /** Photos taken here that the server does not have yet. */
  photosUploading: number;
}

/**
 * What the status bar counts, read together (one re-run after a sync commit, not four), as
 * `viewer` (the user id signed in in this page; null: no one) sees it: their own changes are
 * pending even while the server refuses their session (the status says "Sign in to sync"),
 * other people's wait for them.
 */
export function outboxCounts(db: OutpostDb, viewer: string | null): Promise<OutboxCounts> {
  return db.transaction('r', db.outbox, db.conflicts, db.attachments, async () => {
    const [all, failed, conflicts, photosUploading] = await Promise.all([
      db.outbox.count(),
      failedOps(db),
      conflictCount(db),
      pendingAttachments(db).count(),
    ]);
    const waiting = waitingByAuthor(await opsByOthers(db, viewer), viewer);
    const waitingCount = waiting.reduce((n, w) => n + w.count, 0);
    return { pending: all - failed.length - waitingCount, waiting, failed: await recordsFailedBy(db, failed), conflicts, photosUploading };
  });
}

/** A photo's bytes on this device; null when it has not been downloaded (or taken) here. */
export async function getPhoto(db: OutpostDb, hash: string): Promise<PhotoView | null> {
  const found = await db.attachments.get(hash);
  return found ? { hash, type: found.type, bytes: found.bytes } : null;
}

export interface PhotoView {
  hash: string;
  type: string;
  bytes: ArrayBuffer;
}

/** An open conflict as the conflict list shows it. */
export interface ConflictSummary {
  id: string;
  kind: ConflictKind;
  /** The visitor's name; undefined when this device has no row for it. */
  name: string | undefined;
}

/** The open conflicts, each with its visitor's name (read together, so they agree). */
export function listConflictSummaries(db: OutpostDb): Promise<ConflictSummary[]> {
  return db.transaction('r', db.conflicts, db.visitors, async () => {
    const records = await db.conflicts.toArray();
    const rows = await db.visitors.bulkGet(records.map((c) => c.id));
    return records.map((c, i) => ({ id: c.id, kind: c.kind, name: rows[i]?.data.name }));
  });
}

/** What the conflict dialog shows for a record: its open conflict (if any) and its row. */
export interface ConflictView {
  conflict: ConflictRecord | undefined;
  row: LocalVisitor | undefined;
}

export function getConflictView(db: OutpostDb, id: string): Promise<ConflictView> {
  return db.transaction('r', db.conflicts, db.visitors, async () => {
    const [conflict, row] = await Promise.all([db.conflicts.get(id), db.visitors.get(id)]);
    return { conflict, row };
  });
}

/** The last server version of a record this device knows (stored, or implied by a synced row). */
export async function getShadow(db: OutpostDb, id: string): Promise<Shadow | undefined> {
  const [stored, row] = await Promise.all([db.shadows.get(id), db.visitors.get(id)]);
  return effectiveShadow(stored, row);
}

export async function getSyncStatus(db: OutpostDb): Promise<SyncStatus> {
  return (await getMeta(db, 'syncStatus')) ?? INITIAL_SYNC_STATUS;
}

/** The highest revision this device has pulled (0 before the first pull). */
export async function getLocalCursor(db: OutpostDb): Promise<number> {
  return (await getMeta(db, 'cursor')) ?? 0;
}

/** Visitor rows on this device. */
export function visitorCount(db: OutpostDb): Promise<number> {
  return db.visitors.count();
}

/** What this device measured of its syncs (zeros before the first). */
export async function getSyncStats(db: OutpostDb): Promise<SyncStats> {
  return (await getMeta(db, 'syncStats')) ?? EMPTY_SYNC_STATS;
}
