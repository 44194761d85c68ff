import type { LocalWrites } from './localStore';
import { mustStoreShadow } from './shadow';
import type { LocalVisitor, Shadow } from './types';

/** A record as it now follows from what the device knows, beside the shadow stored for it. */
export interface RecordOutcome {
  id: string;
  /** The row to show; null: the record is gone here. */
  row: LocalVisitor | null;
  /** The record's server version. */
  shadow: Shadow | undefined;
  /** The shadow row stored now, if any. */
  stored: Shadow | undefined;
}

/**
 * The row and shadow writes for these records: a shadow is stored only while the row does not
 * imply it (see shadow.ts), and rewritten only when it changed.
 */
export function recordWrites(records: Iterable<RecordOutcome>): LocalWrites {
  const putRows: LocalVisitor[] = [];
  const deleteRows: string[] = [];
  const putShadows: Shadow[] = [];
  const deleteShadows: string[] = [];
  for (const { id, row, shadow, stored } of records) {
    if (row) putRows.push(row);
    else deleteRows.push(id);
    if (mustStoreShadow(shadow, row)) {
      if (shadow !== stored) putShadows.push(shadow);
    } else if (stored) deleteShadows.push(id);
  }
  return { putRows, deleteRows, putShadows, deleteShadows };
}

export function byId<T extends { id: string }>(rows: Iterable<T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of rows) map.set(r.id, r);
  return map;
}

/** Ops grouped by record, each list in seq order. */
export function opsByRecord<T extends { id: string; seq?: number }>(ops: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const op of [...ops].sort((a, b) => a.seq! - b.seq!)) {
    const list = out.get(op.id);
    if (list) list.push(op);
    else out.set(op.id, [op]);
  }
  return out;
}
