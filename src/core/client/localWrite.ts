import type { VisitorData, VisitorPatch } from '../protocol';
import { changedFields, isEmpty, pick, sameValue } from '../values';
import { foldOps } from './coalesce';
import { foldEditIntoConflict } from './conflict';
import { mergeWrites, type LocalWrites } from './localStore';
import { recordWrites } from './recordWrites';
import { computeRow, sortNameOf } from './row';
import type { ConflictRecord, LocalVisitor, OutboxOp, Shadow } from './types';

/**
 * Planning a local write (pure): what one person's edit does to the record's row, its queued
 * ops and its conflict. The repository (src/data/visitors.ts) reads a `RecordState` and writes
 * the plan in one transaction.
 */

/** What a write needs to know about one record. */
export interface RecordState {
  id: string;
  row: LocalVisitor | undefined;
  /** The record's server version (stored, or implied by a synced row). */
  shadow: Shadow | undefined;
  /** The shadow row stored now. */
  storedShadow: Shadow | undefined;
  conflict: ConflictRecord | undefined;
  /** The record's queued ops, in seq order. */
  ops: readonly OutboxOp[];
  /** Ops with `seq <=` this are in flight or may have reached the server: never changed. */
  frozenThrough: number;
}

export type OpFields = Pick<OutboxOp, 'kind' | 'data' | 'patch' | 'base' | 'baseRev'>;
/** Makes a new pending op for the record (a fresh opId, the device clock). */
export type NewOp = (fields: OpFields) => OutboxOp;

export type ConflictResolution =
  /** update-update: the chosen value of each contended field (mine, theirs, merged or custom). */
  | { choice: 'values'; values: VisitorPatch }
  /** update-delete: bring the record back with this device's version. */
  | { choice: 'restore' }
  /** update-delete: let the deletion stand; this device's edits are dropped. */
  | { choice: 'accept-deletion' }
  /** delete-update: delete it although someone changed it. */
  | { choice: 'delete-anyway' }
  /** delete-update: keep the record as the server has it. */
  | { choice: 'keep-theirs' };

/** A new record and its create op. */
export function planCreate(records: readonly { id: string; data: VisitorData; op: OutboxOp }[]): LocalWrites {
  return {
    addRows: records.map(({ id, data, op }) => ({ id, data, syncState: 'pending', sortName: sortNameOf(data), localUpdatedAt: op.createdAt })),
    addOps: records.map((r) => r.op),
  };
}

/** An edit of fields of an existing row; null when nothing changes. */
export function planUpdate(state: RecordState, patch: VisitorPatch, newOp: NewOp, now: number): LocalWrites | null {
  const row = state.row!;
  const changes = changedFields(row.data, patch);
  if (isEmpty(changes)) return null;
  if (state.conflict) {
    // Not queued: it goes out with the person's resolution of the conflict.
    const folded = foldEditIntoConflict(state.conflict, changes, row.data);
    return mergeWrites({ putConflicts: [folded] }, settle(state, folded, state.ops, now));
  }
  const op = newOp({ kind: 'update', patch: changes, base: pick(row.data, Object.keys(changes)), ...baseRevOf(state.shadow) });
  return queueAndSettle(state, undefined, op, now);
}

/** Deleting a row; deleting a record in conflict settles the conflict. Null when it is gone already. */
export function planRemove(state: RecordState, newOp: NewOp, now: number): LocalWrites | null {
  if (!state.row) return null;
  const op = newOp({ kind: 'delete', base: { ...state.row.data } });
  return mergeWrites(state.conflict ? { deleteConflicts: [state.id] } : {}, queueAndSettle(state, undefined, op, now));
}

/**
 * Settles the open conflict with the person's choice. What must reach the server goes as an
 * ordinary op whose base is the server's values shown, so a server that moved again meanwhile
 * answers with a new conflict rather than being overwritten. Null when there is no conflict
 * (settled already, in another tab).
 */
export function planResolve(state: RecordState, resolution: ConflictResolution, newOp: NewOp, now: number): LocalWrites | null {
  const { conflict, shadow, row } = state;
  if (!conflict || !shadow) return null;
  const op = resolutionOp(conflict, shadow, row, resolution, newOp);
  const settled = op ? queueAndSettle(state, undefined, op, now) : settle(state, undefined, state.ops, now);
  return mergeWrites({ deleteConflicts: [state.id] }, settled);
}

function resolutionOp(
  conflict: ConflictRecord,
  shadow: Shadow,
  row: LocalVisitor | undefined,
  resolution: ConflictResolution,
  newOp: NewOp,
): OutboxOp | null {
  switch (resolution.choice) {
    case 'values': {
      // Contended fields start from the server values shown; edits made while the conflict
      // was open start from where this device was (a later server change to them is a new
      // conflict, not an overwrite).
      const wanted: Record<string, unknown> = { ...conflict.mine, ...resolution.values };
      const base: Record<string, unknown> = { ...conflict.base, ...pick(conflict.theirs, conflict.fields) };
      const patch = Object.fromEntries(Object.entries(wanted).filter(([f, v]) => !sameValue(v, base[f]))) as VisitorPatch;
      return isEmpty(patch) ? null : newOp({ kind: 'update', patch, base: pick(base, Object.keys(patch)), ...baseRevOf(shadow) });
    }
    case 'restore':
      return newOp({ kind: 'create', data: row?.data ?? shadow.data });
    case 'delete-anyway':
      return newOp({ kind: 'delete', base: { ...shadow.data } });
    case 'accept-deletion':
    case 'keep-theirs':
      return null;
  }
}

/**
 * The revision of the server version an update is made against, for a compact push answer
 * (pushResult.ts): the shadow's, unless the record is not on the server (yet) or is deleted there.
 */
function baseRevOf(shadow: Shadow | undefined): Pick<OutboxOp, 'baseRev'> {
  return shadow && !shadow.deleted && shadow.rev > 0 ? { baseRev: shadow.rev } : {};
}

/** Drops a rejected change and the record's later ones; null when nothing was rejected. */
export function planDiscardFailed(state: RecordState, now: number): LocalWrites | null {
  const firstFailed = state.ops.findIndex((o) => o.state === 'failed');
  if (firstFailed < 0) return null;
  const kept = state.ops.slice(0, firstFailed);
  return mergeWrites({ deleteOps: state.ops.slice(firstFailed).map((o) => o.seq!) }, settle(state, state.conflict, kept, now));
}

/**
 * Queues `op` after the record's ops, coalescing where allowed: into a rejected op and the held
 * ops behind it (none of them reached the server's data), or into the last op if it was never
 * sent. An op that may have been sent is never changed: its opId might already be applied.
 */
export function planEnqueue(ops: readonly OutboxOp[], op: OutboxOp, frozenThrough: number): { ops: OutboxOp[]; writes: LocalWrites } {
  const firstFailed = ops.findIndex((o) => o.state === 'failed');
  const last = ops[ops.length - 1];
  const chainStart = firstFailed >= 0 ? firstFailed : last && last.seq! > frozenThrough ? ops.length - 1 : ops.length;
  const chain = ops.slice(chainStart);
  const folded = foldOps([...chain, op]);
  const keptSeqs = new Set(folded.map((o) => o.seq));
  const writes: LocalWrites = {
    deleteOps: chain.map((o) => o.seq!).filter((s) => !keptSeqs.has(s)),
    addOps: folded.filter((o) => o.seq === undefined),
    putOps: folded.filter((o) => o.seq !== undefined && !chain.includes(o)),
  };
  return { ops: [...ops.slice(0, chainStart), ...folded], writes };
}

function queueAndSettle(state: RecordState, conflict: ConflictRecord | undefined, op: OutboxOp, now: number): LocalWrites {
  const queued = planEnqueue(state.ops, op, state.frozenThrough);
  return mergeWrites(queued.writes, settle(state, conflict, queued.ops, now));
}

/** The record's row as it now follows from what is known, and its shadow if the row no longer implies it. */
function settle(state: RecordState, conflict: ConflictRecord | undefined, ops: readonly OutboxOp[], now: number): LocalWrites {
  const row = computeRow(state.id, state.shadow, conflict, ops, now);
  return recordWrites([{ id: state.id, row, shadow: state.shadow, stored: state.storedShadow }]);
}
