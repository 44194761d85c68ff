import type { VisitorData } from '../protocol';
import type { ConflictRecord, LocalVisitor, OutboxOp, Shadow } from './types';
import { applyPatch } from '../values';
import { rebase } from './rebase';

/**
 * The local row of a record as a function of what the device knows: the server's version, an
 * open conflict (the person's side wins in view) and the queued ops, in seq order.
 * `null`: the record is gone here.
 */
export function computeRow(
  id: string,
  shadow: Shadow | undefined,
  conflict: ConflictRecord | undefined,
  ops: readonly OutboxOp[],
  now: number,
): LocalVisitor | null {
  let data = serverView(shadow, conflict, ops);
  if (data && conflict) data = applyPatch(data, conflict.mine);
  data = rebase(data, ops);
  if (!data) return null;
  const failed = ops.find((o) => o.state === 'failed');
  const row: LocalVisitor = {
    id,
    data,
    syncState: conflict ? 'conflict' : failed ? 'failed' : ops.length ? 'pending' : 'synced',
    sortName: sortNameOf(data),
    localUpdatedAt: now,
  };
  if (failed?.lastError && !conflict) row.error = failed.lastError;
  if (shadow) row.serverRev = shadow.rev;
  return row;
}

export function sortNameOf(data: VisitorData): string {
  return data.name.trim().toLowerCase();
}

/**
 * A tombstone stays in view while this device still has edits or a conflict for it: hiding it
 * would hide the person's unsent work (the push will report an update-delete conflict).
 */
function serverView(shadow: Shadow | undefined, conflict: ConflictRecord | undefined, ops: readonly OutboxOp[]) {
  if (!shadow) return null;
  if (!shadow.deleted) return shadow.data;
  return conflict || ops.some((o) => o.kind === 'update') ? shadow.data : null;
}
