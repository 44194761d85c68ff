import { MAX_PULL_BYTES, type Change, type HistoryEntry, type HistoryKind, type PullPage } from '../../src/core/protocol';
import type { CurrentRecord } from '../../src/core/push/applyOp';
import type { HistoryMark } from '../../src/core/pull/compactChanges';
import type { PlannedHistoryEntry, PlannedRecord, PushPlan, StoredOpResult } from '../../src/core/push/planPush';
import { recordKey } from '../../src/core/push/validateOp';
import { livePhotoOf } from './attachments';
import type { HistoryPage } from './types';

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
  /** A pull's measure of the change in bytes, where its query took it (`pullPage`). */
  size?: number | string;
}

/** A `history` row joined with its author's email. */
export interface StoredHistoryRow {
  rev: Revision;
  kind: HistoryKind;
  at: Timestamp;
  by: string | null;
  changes: string;
}

/** A `history` row as `historySince` reads it: `changes` is '{}' for the entry at or before `since`. */
export interface StoredHistoryMarkRow {
  collection: string;
  id: string;
  rev: Revision;
  kind: HistoryKind;
  changes: string;
}

export function toHistoryMark(row: StoredHistoryMarkRow): HistoryMark {
  return { collection: row.collection, id: row.id, rev: Number(row.rev), kind: row.kind, fields: Object.keys(JSON.parse(row.changes) as object) };
}

/** An `applied_ops` row; `opHash` is null for ops applied before hashes were kept. */
export interface StoredOpRow {
  opId: string;
  result: string;
  opHash: string | null;
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
  for (const row of rows) {
    const result = JSON.parse(row.result) as StoredOpResult;
    results.set(row.opId, row.opHash === null ? result : { ...result, opHash: row.opHash });
  }
  return results;
}

/**
 * Room for a change's JSON besides its data: collection, id, rev, flags, time and author. A
 * query that measures changes itself (PostgreSQL's pull) adds the same to its data's bytes.
 */
export const CHANGE_ENVELOPE_BYTES = 256;

/** What a change adds to a pull page: the size its query measured, or its data's UTF-8 bytes. */
function changeBytes(row: StoredRecordRow): number {
  return row.size !== undefined ? Number(row.size) : Buffer.byteLength(row.data) + CHANGE_ENVELOPE_BYTES;
}

/**
 * One page of a pull from rows oldest first (up to `limit + 1`), read only as far as needed:
 * it ends after `limit` changes or before the change that would take it past `maxBytes`,
 * whichever comes first, but always holds one. A row left out only says there is more.
 */
export function pullPage(rows: Iterable<StoredRecordRow>, since: number, limit: number, maxBytes = MAX_PULL_BYTES): PullPage {
  const changes: Change[] = [];
  let bytes = 0;
  let hasMore = false;
  for (const row of rows) {
    const size = changeBytes(row);
    if (changes.length === limit || (changes.length > 0 && bytes + size > maxBytes)) {
      hasMore = true;
      break;
    }
    changes.push(toChange(row));
    bytes += size;
  }
  return { changes, cursor: changes.at(-1)?.rev ?? since, hasMore };
}

/** One page of history from up to `limit + 1` rows, newest first: the extra one only says there is more. */
export function historyPage(rows: readonly StoredHistoryRow[], limit: number): HistoryPage {
  return { entries: rows.slice(0, limit).map(toHistoryEntry), hasMore: rows.length > limit };
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

/** op_id, result, op_hash (`applied_at` is the batch's time); the hash has a column of its own. */
export function appliedOpValues(op: PushPlan['appliedOps'][number]) {
  const { opHash, ...result } = op.result;
  return [op.opId, JSON.stringify(result), opHash ?? null] as const;
}
