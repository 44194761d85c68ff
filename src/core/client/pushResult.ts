import { visitorDataSchema, type ConflictInfo, type OpResult, type VisitorData } from '../protocol';
import type { OutboxOp, Shadow } from './types';
import { pick } from '../values';
import { rebase } from './rebase';

/** Reading one op's push result (pure; folded by planPushResults.ts). */

/**
 * The record's server version after a non-rejected result, or null if it must not move: a
 * shadow only moves forward. An answer without a rev keeps the old rev (0 for a new record),
 * so the next pulled change of the record wins.
 */
export function advancedShadow(prev: Shadow | undefined, op: OutboxOp, r: OpResult): Shadow | null {
  if (r.rev !== undefined && prev && prev.rev >= r.rev) return null;
  const rev = r.rev ?? prev?.rev ?? 0;
  const deleted = r.deleted ?? (!r.record && (op.kind === 'delete' || r.conflict?.kind === 'update-delete'));
  const data: VisitorData | null =
    r.record ??
    (deleted
      ? (prev?.data ?? asData(r.conflict?.theirs) ?? asData(op.base) ?? op.data ?? null)
      : rebase(prev?.data ?? null, [{ ...op, state: 'pending' }]));
  return data ? { id: op.id, collection: op.collection, rev, deleted, data } : null;
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
