import type { Change, HistoryEntry, HistoryKind, PullResponse } from '../../src/core/protocol';
import type { CurrentRecord } from '../../src/core/push/applyOp';
import type { PlannedHistoryEntry, PlannedRecord, PushPlan, StoredOpResult } from '../../src/core/push/planPush';
import { recordKey } from '../../src/core/push/validateOp';
import { livePhotoOf } from './attachments';

/*
 * What both storages write from a push plan, and what the rows they read back become. JSON
 * columns are text on both. The drivers differ in three column types: SQLite answers numbers,
 * 0/1 and ISO strings; pg answers bigint as a string, boolean as a boolean and timestamptz as a Date.
 */

type Revision = number | string;
type Flag = number | boolean;
type Timestamp = string | Date;

/** A `records` row joined with its author's email (see each storage's `RECORD_COLUMNS`). */
export interface StoredRecordRow {
  collection: string;
  id: string;
  rev: Revision;
  deleted: Flag;
  data: string;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

/** A `history` row joined with its author's email. */
export interface StoredHistoryRow {
  rev: Revision;
  kind: HistoryKind;
  at: Timestamp;
  by: string | null;
  changes: string;
}

/** An `applied_ops` row. */
export interface StoredOpRow {
  opId: string;
  result: string;
}

/** A record as a pull sends it. */
export function toChange(row: StoredRecordRow): Change {
  return {
    collection: row.collection as Change['collection'],
    id: row.id,
    rev: Number(row.rev),
    deleted: row.deleted === true || row.deleted === 1,
    data: JSON.parse(row.data),
    updatedAt: isoString(row.updatedAt),
    updatedBy: row.updatedBy,
  };
}

/** The records a push batch sees, by `recordKey`. */
export function currentRecords(rows: readonly StoredRecordRow[]): Map<string, CurrentRecord> {
  const records = new Map<string, CurrentRecord>();
  for (const row of rows) {
    const { collection, id, ...record } = toChange(row);
    records.set(recordKey(collection, id), record);
  }
  return records;
}

/** The stored results of ops applied before, by opId. */
export function storedOpResults(rows: readonly StoredOpRow[]): Map<string, StoredOpResult> {
  const results = new Map<string, StoredOpResult>();
  for (const row of rows) results.set(row.opId, JSON.parse(row.result) as StoredOpResult);
  return results;
}

/** One page of a pull, from up to `limit + 1` rows: the extra one only says there is more. */
export function pullPage(rows: readonly StoredRecordRow[], since: number, limit: number): PullResponse {
  const hasMore = rows.length > limit;
  const changes = rows.slice(0, limit).map(toChange);
  return { changes, cursor: changes.at(-1)?.rev ?? since, hasMore };
}

export function toHistoryEntry(row: StoredHistoryRow): HistoryEntry {
  return {
    rev: Number(row.rev),
    kind: row.kind,
    at: isoString(row.at),
    by: row.by,
    changes: JSON.parse(row.changes),
  };
}

function isoString(time: Timestamp): string {
  return typeof time === 'string' ? time : time.toISOString();
}

/*
 * Column values of what a push writes, in the order of the tables' columns after `workspace_id`
 * (both storages' INSERTs list them so).
 */

/** collection, id, rev, deleted, data, updated_at, updated_by, card_photo */
export function recordValues(r: PlannedRecord) {
  return [r.collection, r.id, r.rev, r.deleted, JSON.stringify(r.data), r.updatedAt, r.updatedBy, livePhotoOf(r)] as const;
}

/** collection, record_id, rev, op_id, user_id, kind, changes, at */
export function historyValues(h: PlannedHistoryEntry) {
  return [h.collection, h.recordId, h.rev, h.opId, h.userId, h.kind, JSON.stringify(h.changes), h.at] as const;
}

/** op_id, result (`applied_at` is the batch's time) */
export function appliedOpValues(op: PushPlan['appliedOps'][number]) {
  return [op.opId, JSON.stringify(op.result)] as const;
}
