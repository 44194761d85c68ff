import type { OutpostDb } from './schema';
import { deleteMeta } from './meta';

/** Ops in the outbox: pending, in flight or failed — everything not yet settled with the server. */
export function countQueued(db: OutpostDb): Promise<number> {
  return db.outbox.count();
}

export type ClearResult = { cleared: true } | { cleared: false; queued: number };

/**
 * Empties this device's copy of a workspace (visitors and their journal, shadows, conflicts and the pull cursor)
 * so that another workspace's data can take its place — unless changes are still queued for
 * it: those would be lost, so then nothing is touched. One transaction, so no op can be queued
 * between the check and the clearing. The outbox is empty when it clears; the session and
 * device keys in meta stay.
 */
export function clearWorkspaceData(db: OutpostDb): Promise<ClearResult> {
  return db.transaction('rw', [db.visitors, db.acks, db.shadows, db.outbox, db.conflicts, db.meta], async (): Promise<ClearResult> => {
    const queued = await countQueued(db);
    if (queued > 0) return { cleared: false, queued };
    await Promise.all([db.visitors.clear(), db.acks.clear(), db.shadows.clear(), db.conflicts.clear(), deleteMeta(db, 'cursor')]);
    return { cleared: true };
  });
}
