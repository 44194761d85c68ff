import type { Change } from '../protocol';
import type { ConflictRecord, LocalVisitor, OutboxOp } from '../client/types';
import { sameValue } from '../values';

/** What one device holds, as its local database stores it. */
export interface DeviceState {
  visitors: readonly LocalVisitor[];
  outbox: readonly OutboxOp[];
  conflicts: readonly ConflictRecord[];
}

export interface ConvergenceOptions {
  /**
   * Names of the visitors expected to have an open conflict on this device. Their rows show this
   * device's side of the contended fields (the conflict's `mine`), so only their other fields are
   * compared, and an edit-vs-delete record may be missing on either side.
   */
  openConflicts?: readonly string[];
}

/**
 * The first way `device` differs from what the server holds (`server`: every record of the
 * workspace, tombstones included), in words naming the record and the field; null when the device
 * has converged: nothing queued, no conflict but the expected ones, and every live record present
 * at the server's revision with every field equal.
 */
export function firstDifference(server: readonly Change[], device: DeviceState, { openConflicts = [] }: ConvergenceOptions = {}): string | null {
  const rows = new Map(device.visitors.map((row) => [row.id, row]));
  const records = new Map(server.map((change) => [change.id, change]));
  const nameOf = (id: string) => rows.get(id)?.data.name ?? records.get(id)?.data.name ?? id;
  const conflicts = new Map(device.conflicts.map((c) => [c.id, c]));
  return (
    queued(device.outbox, nameOf) ??
    conflictProblem(device.conflicts, openConflicts, nameOf) ??
    missingOrDifferent(server, rows, conflicts) ??
    extraRows(device.visitors, records, conflicts)
  );
}

function queued(outbox: readonly OutboxOp[], nameOf: (id: string) => string): string | null {
  const first = outbox[0];
  if (!first) return null;
  const state = first.state === 'failed' ? `failed: ${first.lastError?.message ?? 'rejected'}` : first.state;
  return `${outbox.length} change(s) still queued, the first: ${first.kind} of "${nameOf(first.id)}" (${state})`;
}

function conflictProblem(conflicts: readonly ConflictRecord[], expected: readonly string[], nameOf: (id: string) => string): string | null {
  for (const c of conflicts) {
    if (!expected.includes(nameOf(c.id))) return `"${nameOf(c.id)}" has an unexpected open ${c.kind} conflict over ${c.fields.join(', ') || 'the record'}`;
  }
  for (const name of expected) {
    if (!conflicts.some((c) => nameOf(c.id) === name)) return `"${name}" was expected to have an open conflict, and has none`;
  }
  return null;
}

function missingOrDifferent(server: readonly Change[], rows: ReadonlyMap<string, LocalVisitor>, conflicts: ReadonlyMap<string, ConflictRecord>): string | null {
  for (const record of [...server].sort((a, b) => a.rev - b.rev)) {
    const row = rows.get(record.id);
    const conflict = conflicts.get(record.id);
    if (record.deleted || (conflict && !row)) continue;
    const label = `"${record.data.name}" (${record.id})`;
    if (!row) return `${label} is on the server at rev ${record.rev} but not on the device`;
    const problem = conflict ? conflictedRowProblem(record, row, conflict) : syncedRowProblem(record, row);
    if (problem) return `${label} ${problem}`;
  }
  return null;
}

function syncedRowProblem(record: Change, row: LocalVisitor): string | null {
  if (row.syncState !== 'synced') return `is ${row.syncState} on the device`;
  if (row.serverRev !== record.rev) return `is at rev ${row.serverRev ?? 'none'} on the device, ${record.rev} on the server`;
  return fieldProblem(record, row, new Set());
}

function conflictedRowProblem(record: Change, row: LocalVisitor, conflict: ConflictRecord): string | null {
  if (row.syncState !== 'conflict') return `is ${row.syncState} on the device, though its conflict is open`;
  return fieldProblem(record, row, new Set([...conflict.fields, ...Object.keys(conflict.mine)]));
}

function fieldProblem(record: Change, row: LocalVisitor, skip: ReadonlySet<string>): string | null {
  const server = record.data as Record<string, unknown>;
  const local = row.data as Record<string, unknown>;
  for (const field of new Set([...Object.keys(server), ...Object.keys(local)])) {
    if (skip.has(field) || sameValue(local[field], server[field])) continue;
    return `differs in ${field}: ${JSON.stringify(local[field])} on the device, ${JSON.stringify(server[field])} on the server`;
  }
  return null;
}

function extraRows(visitors: readonly LocalVisitor[], records: ReadonlyMap<string, Change>, conflicts: ReadonlyMap<string, ConflictRecord>): string | null {
  for (const row of visitors) {
    const record = records.get(row.id);
    if (conflicts.has(row.id) || (record && !record.deleted)) continue;
    return `"${row.data.name}" (${row.id}) is on the device but ${record ? `deleted on the server at rev ${record.rev}` : 'not on the server'}`;
  }
  return null;
}
