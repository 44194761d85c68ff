import type { OutpostDb } from '../db/schema';
import type { ConflictRecord, LocalVisitor, Shadow } from '../db/types';
import { getMeta } from '../db/meta';
import { effectiveShadow } from '../sync/shadow';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../sync/status';

/**
 * Reads for the UI, each meant to be wrapped in `useLiveQuery`. They only read, so they re-run
 * whenever a write (local or sync) touches what they read.
 */

/** Visitors ordered by name; `search` matches name, company, email or notes (substring, any case). */
export async function listVisitors(db: OutpostDb, search = ''): Promise<LocalVisitor[]> {
  const rows = await db.visitors.orderBy('sortName').toArray();
  const q = search.trim().toLowerCase();
  if (!q) return rows;
  return rows.filter(({ data }) =>
    [data.name, data.company, data.email, data.notes].some((v) => v.toLowerCase().includes(q)),
  );
}

export function getVisitor(db: OutpostDb, id: string): Promise<LocalVisitor | undefined> {
  return db.visitors.get(id);
}

/** Changes waiting to be sent (including ones held behind a rejected change). */
export function pendingCount(db: OutpostDb): Promise<number> {
  return db.outbox.where('state').equals('pending').count();
}

/** Records whose changes the server rejected; they stay until edited or discarded. */
export function failedCount(db: OutpostDb): Promise<number> {
  return db.visitors.where('syncState').equals('failed').count();
}

export function conflictCount(db: OutpostDb): Promise<number> {
  return db.conflicts.count();
}

export function listConflicts(db: OutpostDb): Promise<ConflictRecord[]> {
  return db.conflicts.toArray();
}

export function getConflict(db: OutpostDb, id: string): Promise<ConflictRecord | undefined> {
  return db.conflicts.get(id);
}

/** The last server version of a record this device knows (stored, or implied by a synced row). */
export async function getShadow(db: OutpostDb, id: string): Promise<Shadow | undefined> {
  const [stored, row] = await Promise.all([db.shadows.get(id), db.visitors.get(id)]);
  return effectiveShadow(stored, row);
}

export async function getSyncStatus(db: OutpostDb): Promise<SyncStatus> {
  return (await getMeta(db, 'syncStatus')) ?? INITIAL_SYNC_STATUS;
}
