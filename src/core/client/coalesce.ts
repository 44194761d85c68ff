import type { OutboxOp } from './types';
import { isEmpty, sameValue } from '../values';
import { sameAuthor } from './author';

export type CoalesceResult =
  | { action: 'append' }
  | { action: 'replace'; op: OutboxOp }
  | { action: 'drop-both' };

/**
 * Folds a new local op into the record's last op (docs/ARCHITECTURE.md, "Coalescing"). The caller passes `last` only if
 * it may still change: pending and never sent (see meta `sentThrough`), or rejected — a rejected
 * op the person edits takes the edit and becomes pending again.
 *
 * The merged op keeps the earlier op's place in the queue (`seq`, `createdAt`) and takes the new
 * op's `opId`: the server may have recorded the old opId with its rejection, and the merged op is
 * a different operation. Two people's edits never merge: each op goes out under its author's
 * session (author.ts).
 */
export function coalesce(last: OutboxOp | undefined, next: OutboxOp): CoalesceResult {
  if (!last || last.id !== next.id || last.collection !== next.collection || !sameAuthor(last, next)) return { action: 'append' };

  const merged = (fields: Partial<OutboxOp>): CoalesceResult => {
    const op: OutboxOp = {
      seq: last.seq,
      opId: next.opId,
      collection: last.collection,
      id: last.id,
      kind: next.kind,
      state: 'pending',
      attempts: 0,
      createdAt: last.createdAt,
      ...(last.author ? { author: last.author } : {}),
      ...fields,
    };
    if (op.seq === undefined) delete op.seq;
    return { action: 'replace', op };
  };

  switch (`${last.kind}+${next.kind}`) {
    case 'create+update':
      return merged({ kind: 'create', data: { ...last.data!, ...next.patch } });
    case 'create+delete':
      return { action: 'drop-both' };
    case 'update+update': {
      // Latest values, earliest base: the base must stay what the server last agreed with.
      const base = { ...next.base, ...last.base };
      const patch: Record<string, unknown> = { ...last.patch, ...next.patch };
      // A field edited back to where it started is no change at all (and would conflict for nothing).
      for (const f of Object.keys(patch)) {
        if (Object.prototype.hasOwnProperty.call(base, f) && sameValue(patch[f], (base as Record<string, unknown>)[f])) {
          delete patch[f];
          delete (base as Record<string, unknown>)[f];
        }
      }
      if (isEmpty(patch)) return { action: 'drop-both' };
      // The newer op's baseRev: a shadow only moves forward, so it is the likelier to be current.
      return merged({ kind: 'update', patch, base, ...baseRevOf(next, last) });
    }
    case 'update+delete':
      return merged({ kind: 'delete', base: { ...next.base, ...last.base } });
    case 'delete+delete':
      // Deleting again a record whose delete was rejected: retry it.
      return merged({ kind: 'delete', base: { ...next.base, ...last.base } });
    case 'delete+update':
      // Only reachable after a rejected delete (the row stays visible): editing means keeping it.
      return merged({ kind: 'update', patch: next.patch, base: next.base, ...baseRevOf(next) });
    default:
      // create after anything, or anything unforeseen: keep both, in order.
      return { action: 'append' };
  }
}

function baseRevOf(...ops: OutboxOp[]): Pick<OutboxOp, 'baseRev'> {
  const rev = ops.find((o) => o.baseRev !== undefined)?.baseRev;
  return rev !== undefined ? { baseRev: rev } : {};
}

/** Folds a run of one record's ops (oldest first) into as few as possible. */
export function foldOps(ops: readonly OutboxOp[]): OutboxOp[] {
  const out: OutboxOp[] = [];
  for (const op of ops) {
    const r = coalesce(out[out.length - 1], op);
    if (r.action === 'append') out.push(op);
    else if (r.action === 'replace') out[out.length - 1] = r.op;
    else out.pop();
  }
  return out;
}
