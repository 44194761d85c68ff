import { visitorDataSchema, type ConflictInfo, type OpResult, type VisitorData, type VisitorPatch } from '../protocol';
import type { OutboxOp, Shadow } from './types';
import { applyPatch, pick } from '../values';
import { rebase } from './rebase';

/** Reading one op's push result (pure; folded by planPushResults.ts). */

/**
 * The record's server version after a non-rejected result, or null if it must not move: a
 * shadow only moves forward. An answer without a rev keeps the old rev (0 for a new record),
 * so the next pulled change of the record wins.
 */
export function advancedShadow(prev: Shadow | undefined, op: OutboxOp, r: OpResult): Shadow | null {
  if (r.rev !== undefined && prev && prev.rev >= r.rev) return null;
  if (r.patch) {
    const data = rebuiltRecord(prev, op, r);
    return data && r.rev !== undefined ? { id: op.id, collection: op.collection, rev: r.rev, deleted: false, data } : null;
  }
  const rev = r.rev ?? prev?.rev ?? 0;
  const deleted = r.deleted ?? (!r.record && (op.kind === 'delete' || r.conflict?.kind === 'update-delete'));
  const data: VisitorData | null =
    r.record ??
    (deleted
      ? (prev?.data ?? asData(r.conflict?.theirs) ?? asData(op.base) ?? op.data ?? null)
      : rebase(prev?.data ?? null, [{ ...op, state: 'pending' }]));
  return data ? { id: op.id, collection: op.collection, rev, deleted, data } : null;
}

/**
 * The record a compact answer (protocol 4) describes: the op's data for a create; for an update,
 * the version at the answer's `baseRev` with the op's patch; with the answer's patch over it.
 * Null when this device no longer holds that version, which cannot happen while a shadow only
 * moves forward (a version newer than `baseRev` and older than the answer would be a revision
 * of the record between the two, and the server answers compactly only when there is none):
 * then the shadow stays, and the next pull brings the record.
 */
function rebuiltRecord(prev: Shadow | undefined, op: OutboxOp, r: OpResult): VisitorData | null {
  const patch = r.patch as VisitorPatch;
  if (op.kind === 'create') return op.data ? applyPatch(op.data, patch) : null;
  if (op.kind !== 'update' || !prev || prev.deleted || r.baseRev === undefined || prev.rev !== r.baseRev) return null;
  return applyPatch(applyPatch(prev.data, op.patch ?? {}), patch);
}

/** A conflict answer without details: treat the op's fields as contended so nothing is lost. */
export function guessConflict(op: OutboxOp, r: OpResult): ConflictInfo {
  const fields = Object.keys(op.patch ?? op.data ?? op.base ?? {});
  return {
    kind: op.kind === 'delete' ? 'delete-update' : r.deleted ? 'update-delete' : 'update-update',
    fields,
    theirs: pick(r.record ?? {}, fields),
    theirsBy: null,
    theirsAt: null,
  };
}

function asData(value: unknown): VisitorData | null {
  const parsed = visitorDataSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
