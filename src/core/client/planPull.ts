import { isCompactChange, type PulledChange, type VisitorData, type VisitorPatch } from '../protocol';
import { ProtocolError } from '../errors';
import { applyPatch } from '../values';
import { refreshTheirs } from './conflict';
import type { LocalWrites } from './localStore';
import { opsByRecord, recordWrites, type RecordOutcome } from './recordWrites';
import { computeRow } from './row';
import { effectiveShadows } from './shadow';
import type { ConflictRecord, LocalVisitor, OutboxOp, Shadow } from './types';

/** What is stored of a pulled page's records. */
export interface StoredForPull {
  rows: ReadonlyMap<string, LocalVisitor>;
  shadows: ReadonlyMap<string, Shadow>;
  conflicts: ReadonlyMap<string, ConflictRecord>;
  ops: readonly OutboxOp[];
}

export const NOTHING_STORED: StoredForPull = { rows: new Map(), shadows: new Map(), conflicts: new Map(), ops: [] };

export function isNothingStored(stored: StoredForPull): boolean {
  return !stored.ops.length && !stored.rows.size && !stored.shadows.size && !stored.conflicts.size;
}

/**
 * The writes that apply one pulled page over what is stored of its records: shadow := server
 * (only forward), rows rebased over queued ops, conflicts' "theirs" refreshed. The cursor is
 * the caller's to add, in the same transaction.
 */
export function planPull(changes: readonly PulledChange[], stored: StoredForPull, now: number): LocalWrites {
  const ids = [...new Set(changes.map((c) => c.id))];
  const shadows = effectiveShadows(ids, stored.shadows, stored.rows);
  const conflicts = new Map(stored.conflicts);
  const ops = opsByRecord(stored.ops);

  const touched = new Set<string>();
  const refreshed = new Map<string, ConflictRecord>();
  for (const c of changes) {
    const prev = shadows.get(c.id);
    if (prev && prev.rev >= c.rev) continue; // a shadow only moves forward
    const data = dataOf(c, prev);
    shadows.set(c.id, { id: c.id, collection: c.collection, rev: c.rev, deleted: c.deleted, data });
    touched.add(c.id);
    const conflict = conflicts.get(c.id);
    if (conflict && !c.deleted) {
      const next = refreshTheirs(conflict, data, c.updatedBy, c.updatedAt);
      conflicts.set(c.id, next);
      refreshed.set(c.id, next);
    }
  }

  const outcomes: RecordOutcome[] = [...touched].map((id) => ({
    id,
    row: computeRow(id, shadows.get(id), conflicts.get(id), ops.get(id) ?? [], now),
    shadow: shadows.get(id),
    stored: stored.shadows.get(id),
  }));
  // A record refreshed twice in one page is written once, with its last state.
  return { ...recordWrites(outcomes), putConflicts: [...refreshed.values()] };
}

/**
 * A change's data: whole, or a compact change's patch over this device's version, which is at
 * its `baseRev` or newer (docs/ARCHITECTURE.md, "Pull"). Holding none, or an older one, would
 * break the cursor's promise (every change up to it applied, versions only moving forward):
 * the page is refused, its cursor unwritten, rather than misread.
 */
function dataOf(c: PulledChange, version: { rev: number; deleted: boolean; data: VisitorData } | undefined): VisitorData {
  if (!isCompactChange(c)) return c.data;
  if (!version || version.deleted || version.rev < c.baseRev) {
    throw new ProtocolError(`a compact change of ${c.id} builds on revision ${c.baseRev}, and this device holds ${version ? version.rev : 'none'}`, {
      details: { id: c.id, baseRev: c.baseRev, held: version?.rev ?? null },
    });
  }
  return applyPatch(version.data, c.patch as VisitorPatch);
}
