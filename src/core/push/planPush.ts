import type { FieldChanges, HistoryKind, OpResult, VisitorData } from '../protocol';
import { applyOp, type CurrentRecord, type FieldPolicies } from './applyOp';
import type { ValidatedOp } from './validateOp';

/** What an applied or conflicting op answered; kept so a replay answers the same (`duplicate`). */
export type StoredOpResult = Omit<OpResult, 'opId' | 'status' | 'error'> & { status: 'applied' | 'conflict' };

/** The part of the workspace a batch can see, read inside the batch's transaction. */
export interface PushState {
  /** The workspace's revision before the batch. */
  rev: number;
  /** Stored results of this batch's opIds that were applied before, by opId. */
  applied: ReadonlyMap<string, StoredOpResult>;
  /** The records this batch targets that exist (tombstones included), by `recordKey`. */
  records: ReadonlyMap<string, CurrentRecord>;
}

export interface PushActor {
  userId: string;
  email: string;
}

/** A `records` row a push writes: the record's state after the batch. */
export interface PlannedRecord {
  collection: string;
  id: string;
  rev: number;
  deleted: boolean;
  data: VisitorData;
  updatedAt: string;
  /** User id. */
  updatedBy: string;
}

/** A `history` row a push writes: one change to one record. */
export interface PlannedHistoryEntry {
  collection: string;
  recordId: string;
  rev: number;
  opId: string;
  userId: string;
  kind: HistoryKind;
  changes: FieldChanges;
  at: string;
}

/** Everything a batch writes, and what it answers. */
export interface PushPlan {
  results: OpResult[];
  /** The final state of each record the batch changed. */
  records: PlannedRecord[];
  history: PlannedHistoryEntry[];
  appliedOps: { opId: string; result: StoredOpResult }[];
  /** The workspace's revision after the batch. */
  rev: number;
  /** Server time of the batch. */
  at: string;
}

/**
 * Runs a batch in order against `state` and says what to write (docs/ARCHITECTURE.md, "Wire
 * protocol"). Each change takes the next workspace revision; an op on a record whose earlier op
 * in the batch was rejected is rejected too, so a later edit never lands without the one it built on.
 */
export function planPush(
  items: readonly ValidatedOp[],
  state: PushState,
  actor: PushActor,
  at: string,
  policies?: FieldPolicies,
): PushPlan {
  let rev = state.rev;
  const records = new Map(state.records);
  const applied = new Map(state.applied);
  const rejectedKeys = new Set<string>();
  const touched = new Map<string, PlannedRecord>();
  const plan: PushPlan = { results: [], records: [], history: [], appliedOps: [], rev, at };

  for (const item of items) {
    if (!item.ok) {
      rejectedKeys.add(item.key);
      plan.results.push({ opId: item.opId, status: 'rejected', error: item.error });
      continue;
    }
    const stored = applied.get(item.opId);
    if (stored) {
      plan.results.push({ ...stored, opId: item.opId, status: 'duplicate' });
      continue;
    }
    if (rejectedKeys.has(item.key)) {
      plan.results.push({
        opId: item.opId,
        status: 'rejected',
        error: { code: 'blocked_by_earlier_rejection', message: 'An earlier change to this visitor was rejected' },
      });
      continue;
    }

    const { op } = item;
    const current = records.get(item.key) ?? null;
    const outcome = applyOp(current, op, policies);
    if (outcome.status === 'rejected') {
      rejectedKeys.add(item.key);
      plan.results.push({ opId: item.opId, status: 'rejected', error: outcome.error });
      continue;
    }

    let after = current;
    const write = outcome.write;
    if (write) {
      rev += 1;
      after = { rev, deleted: write.deleted, data: write.data, updatedAt: at, updatedBy: actor.email };
      records.set(item.key, after);
      const row = { collection: op.collection, id: op.id, rev, deleted: write.deleted, data: write.data };
      touched.set(item.key, { ...row, updatedAt: at, updatedBy: actor.userId });
      plan.history.push({
        collection: op.collection,
        recordId: op.id,
        rev,
        opId: item.opId,
        userId: actor.userId,
        kind: write.kind,
        changes: write.changes,
        at,
      });
    }

    const result: StoredOpResult = { status: outcome.status, ...snapshot(after) };
    if (outcome.status === 'conflict') result.conflict = outcome.conflict;
    applied.set(item.opId, result);
    plan.appliedOps.push({ opId: item.opId, result });
    plan.results.push({ ...result, opId: item.opId });
  }

  plan.records = [...touched.values()];
  plan.rev = rev;
  return plan;
}

function snapshot(record: CurrentRecord | null): Pick<OpResult, 'rev' | 'record' | 'deleted'> {
  if (!record) return {};
  return { rev: record.rev, record: record.deleted ? null : record.data, deleted: record.deleted };
}
