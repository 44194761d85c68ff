import { VISITOR_FIELD_POLICIES, type FieldChanges, type HistoryKind, type OpResult, type VisitorData } from '../protocol';
import type { WorkMeter } from '../merge/merge';
import { applyOp, type CurrentRecord, type FieldPolicies } from './applyOp';
import { compactResult } from './compactResult';
import { opHash } from './opHash';
import { stampServerFields } from './serverFields';
import { BUDGET_EXCEEDED, OP_WORK, PUSH_WORK_BUDGET } from './pushBudget';
import type { ValidatedOp } from './validateOp';

/**
 * What an applied or conflicting op answered; kept so a replay answers the same (`duplicate`).
 * `opHash` (`opHash.ts`) is not part of the answer: it tells a replay from another op sent under
 * the same opId. Results stored before it existed have none, and any replay of them is a duplicate.
 */
export type StoredOpResult = Omit<OpResult, 'opId' | 'status' | 'error'> & { status: 'applied' | 'conflict'; opHash?: string };

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
  /** Each op's answer with the whole record (protocols before 4). */
  results: OpResult[];
  /** The same answers, compact where the client can rebuild the record (`compactResult.ts`, protocol 4). */
  compactResults: OpResult[];
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
 * Once the batch has spent `budget` (pushBudget.ts), every later op is answered
 * `push_budget_exceeded` and not run; the first op always runs, so each batch makes progress.
 */
export function planPush(
  items: readonly ValidatedOp[],
  state: PushState,
  actor: PushActor,
  at: string,
  policies: FieldPolicies = VISITOR_FIELD_POLICIES,
  budget: number = PUSH_WORK_BUDGET,
): PushPlan {
  let rev = state.rev;
  const records = new Map(state.records);
  const applied = new Map(state.applied);
  const rejectedKeys = new Set<string>();
  const touched = new Map<string, PlannedRecord>();
  const plan: PushPlan = { results: [], compactResults: [], records: [], history: [], appliedOps: [], rev, at };
  const answer = (result: OpResult, compact: OpResult = result) => {
    plan.results.push(result);
    plan.compactResults.push(compact);
  };
  const meter: WorkMeter = { spent: 0 };

  for (const item of items) {
    if (plan.results.length > 0 && meter.spent >= budget) {
      answer({ opId: item.opId, status: 'rejected', error: BUDGET_EXCEEDED });
      continue;
    }
    meter.spent += OP_WORK;
    if (!item.ok) {
      rejectedKeys.add(item.key);
      answer({ opId: item.opId, status: 'rejected', error: item.error });
      continue;
    }
    const hash = opHash(item.op);
    const early = answerWithoutRunning(item.opId, hash, applied.get(item.opId), rejectedKeys.has(item.key));
    if (early) {
      if (early.status === 'rejected') rejectedKeys.add(item.key);
      answer(early);
      continue;
    }

    const { op } = item;
    const current = records.get(item.key) ?? null;
    const outcome = applyOp(current, op, policies, meter);
    if (outcome.status === 'rejected') {
      rejectedKeys.add(item.key);
      answer({ opId: item.opId, status: 'rejected', error: outcome.error });
      continue;
    }

    let after = current;
    const write = outcome.write && stampServerFields(current?.data ?? null, outcome.write, { by: actor.email, at });
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

    const whole: Omit<StoredOpResult, 'opHash'> = { status: outcome.status, ...snapshot(after) };
    if (outcome.status === 'conflict') whole.conflict = outcome.conflict;
    const result: StoredOpResult = { ...whole, opHash: hash };
    applied.set(item.opId, result);
    plan.appliedOps.push({ opId: item.opId, result });
    const sent = { ...whole, opId: item.opId };
    answer(sent, compactResult(sent, item.sent, current, after));
  }

  plan.records = [...touched.values()];
  plan.rev = rev;
  return plan;
}

const OP_ID_REUSED = { code: 'op_id_reused', message: 'Another change was already sent under this change’s id' };
const BLOCKED = { code: 'blocked_by_earlier_rejection', message: 'An earlier change to this visitor was rejected' };

/**
 * The answer of an op that is not run: the stored answer of its opId (`duplicate`) when it is the
 * same op again, `op_id_reused` when another op took that opId, or blocked by an earlier
 * rejection of its record. Null: run it.
 */
function answerWithoutRunning(opId: string, hash: string, stored: StoredOpResult | undefined, blocked: boolean): OpResult | null {
  if (stored && stored.opHash !== undefined && stored.opHash !== hash) return { opId, status: 'rejected', error: OP_ID_REUSED };
  if (stored) {
    const { opHash: _hash, ...answer } = stored;
    return { ...answer, opId, status: 'duplicate' };
  }
  if (blocked) return { opId, status: 'rejected', error: BLOCKED };
  return null;
}

function snapshot(record: CurrentRecord | null): Pick<OpResult, 'rev' | 'record' | 'deleted'> {
  if (!record) return {};
  return { rev: record.rev, record: record.deleted ? null : record.data, deleted: record.deleted };
}
