import {
  VISITOR_FIELD_POLICIES,
  type ConflictInfo,
  type FieldChanges,
  type HistoryKind,
  type MergePolicy,
  type OpError,
  type SyncOp,
  type VisitorData,
  type VisitorField,
  type VisitorBase,
  writableData,
  type VisitorPatch,
} from '../protocol';
import { pick, sameValue } from '../values';
import type { WorkMeter } from '../merge/merge';
import { mergeContendedField } from '../merge/mergeField';

/** A record as the server holds it, before the op. */
export interface CurrentRecord {
  rev: number;
  deleted: boolean;
  /** For a tombstone: the last data before the delete. */
  data: VisitorData;
  updatedAt: string;
  /** Email of the person whose change produced `rev`. */
  updatedBy: string | null;
}

/** What to write for the op; the caller assigns the revision. */
export interface RecordWrite {
  kind: HistoryKind;
  data: VisitorData;
  deleted: boolean;
  changes: FieldChanges;
}

export type OpOutcome =
  | { status: 'applied'; write: RecordWrite | null }
  | { status: 'conflict'; write: RecordWrite | null; conflict: ConflictInfo }
  | { status: 'rejected'; error: OpError };

export type FieldPolicies = Record<VisitorField, MergePolicy>;

/**
 * Decides what one valid op does to the record it targets (`current`: null when there is none).
 * The work of its merges is added to `meter`.
 */
export function applyOp(
  current: CurrentRecord | null,
  op: SyncOp,
  policies: FieldPolicies = VISITOR_FIELD_POLICIES,
  meter?: WorkMeter,
): OpOutcome {
  switch (op.kind) {
    case 'create':
      return applyCreate(current, op.data);
    case 'update':
      return applyUpdate(current, op.patch, op.base, policies, meter);
    case 'delete':
      return applyDelete(current, op.base);
  }
}

function applyCreate(current: CurrentRecord | null, data: VisitorData): OpOutcome {
  if (!current) {
    return { status: 'applied', write: { kind: 'create', data, deleted: false, changes: diff(null, data) } };
  }
  if (current.deleted) {
    // Creating over a tombstone restores the record (tombstones keep ids for exactly this).
    return { status: 'applied', write: { kind: 'restore', data, deleted: false, changes: diff(current.data, data) } };
  }
  // A replayed create whose opId record has expired lands here: identical data is the same create
  // (what it carries for the server-stamped fields was replaced by the stamp, so they do not count).
  if (sameValue(writableData(current.data), writableData(data))) return { status: 'applied', write: null };
  return { status: 'rejected', error: { code: 'id_taken', message: 'Another visitor already has this id' } };
}

function applyUpdate(
  current: CurrentRecord | null,
  patch: VisitorPatch,
  base: VisitorBase,
  policies: FieldPolicies,
  meter: WorkMeter | undefined,
): OpOutcome {
  if (!current) return notFound();
  const fields = Object.keys(patch) as (keyof VisitorPatch)[];
  if (current.deleted) {
    return {
      status: 'conflict',
      write: null,
      conflict: conflictInfo('update-delete', fields, { ...current.data }, current),
    };
  }

  const next: Record<string, unknown> = { ...current.data };
  const contended: VisitorField[] = [];
  for (const field of fields) {
    const server = current.data[field];
    const mine = patch[field];
    const hasBase = Object.hasOwn(base, field);
    if (hasBase && sameValue(server, base[field])) {
      next[field] = mine;
    } else if (sameValue(server, mine)) {
      continue;
    } else {
      const merge = mergeContendedField(policies[field], server, base[field], mine, meter);
      if (merge.merged) next[field] = merge.value;
      else contended.push(field);
    }
  }

  const data = next as VisitorData;
  const changes = diff(current.data, data);
  const write: RecordWrite | null = Object.keys(changes).length ? { kind: 'update', data, deleted: false, changes } : null;
  if (contended.length === 0) return { status: 'applied', write };
  return {
    status: 'conflict',
    write,
    conflict: conflictInfo('update-update', contended, pick(current.data, contended), current),
  };
}

function applyDelete(current: CurrentRecord | null, base: VisitorBase | undefined): OpOutcome {
  if (!current) return notFound();
  if (current.deleted) return { status: 'applied', write: null };
  const changedSince = base
    ? (Object.keys(base) as VisitorField[]).filter((f) => !sameValue(current.data[f], base[f]))
    : [];
  if (changedSince.length) {
    return {
      status: 'conflict',
      write: null,
      conflict: conflictInfo('delete-update', changedSince, pick(current.data, changedSince), current),
    };
  }
  return { status: 'applied', write: { kind: 'delete', data: current.data, deleted: true, changes: {} } };
}

function notFound(): OpOutcome {
  return { status: 'rejected', error: { code: 'not_found', message: 'This visitor does not exist on the server' } };
}

function conflictInfo(
  kind: ConflictInfo['kind'],
  fields: string[],
  theirs: Record<string, unknown>,
  current: CurrentRecord,
): ConflictInfo {
  return { kind, fields, theirs, theirsBy: current.updatedBy, theirsAt: current.updatedAt };
}

/** Field-level changes from `before` (null: the record did not exist) to `after`. */
function diff(before: VisitorData | null, after: VisitorData): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of Object.keys(after) as VisitorField[]) {
    const from = before ? before[field] : null;
    if (!sameValue(from, after[field])) changes[field] = { from, to: after[field] };
  }
  return changes;
}
