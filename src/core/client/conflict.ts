import type { ConflictInfo, VisitorPatch } from '../protocol';
import type { ConflictRecord, OutboxOp } from './types';
import { pick } from '../values';

/** The conflict row for an op the server answered with `conflict`. */
export function conflictFromOp(op: OutboxOp, info: ConflictInfo, detectedAt: number): ConflictRecord {
  const fields = info.fields;
  let mine: VisitorPatch;
  let base: VisitorPatch;
  switch (op.kind) {
    case 'update':
      // update-delete: nothing of the edit reached the server, so all of it is still "mine".
      mine = info.kind === 'update-delete' ? { ...op.patch } : pick(op.patch, fields);
      base = info.kind === 'update-delete' ? { ...op.base } : pick(op.base, fields);
      break;
    case 'delete':
      mine = {};
      base = pick(op.base, fields);
      break;
    case 'create':
      mine = fields.length ? pick(op.data, fields) : { ...op.data };
      base = {};
      break;
  }
  return {
    id: op.id,
    collection: op.collection,
    kind: info.kind,
    fields: [...fields],
    base,
    mine,
    theirs: { ...info.theirs },
    theirsBy: info.theirsBy,
    theirsAt: info.theirsAt,
    detectedAt,
  };
}

/** Several conflicts on one record become one: earliest base, latest mine, newest theirs. */
export function foldConflict(older: ConflictRecord, newer: ConflictRecord): ConflictRecord {
  return {
    id: older.id,
    collection: older.collection,
    kind: newer.kind,
    fields: [...new Set([...older.fields, ...newer.fields])],
    base: { ...newer.base, ...older.base },
    mine: { ...older.mine, ...newer.mine },
    theirs: { ...older.theirs, ...newer.theirs },
    theirsBy: newer.theirsBy,
    theirsAt: newer.theirsAt,
    detectedAt: older.detectedAt,
  };
}

/**
 * A local edit made while the record is in conflict goes into `mine` instead of the outbox.
 * `before` is the row's data just before the edit, the base of newly touched fields.
 */
export function foldEditIntoConflict(conflict: ConflictRecord, changes: VisitorPatch, before: object): ConflictRecord {
  return {
    ...conflict,
    mine: { ...conflict.mine, ...changes },
    base: { ...pick(before, Object.keys(changes)), ...conflict.base },
  };
}

/** A pulled change moves the server's side of an open conflict forward. */
export function refreshTheirs(
  conflict: ConflictRecord,
  data: object,
  by: string | null,
  at: string | null,
): ConflictRecord {
  return { ...conflict, theirs: { ...conflict.theirs, ...pick(data, conflict.fields) }, theirsBy: by, theirsAt: at };
}
