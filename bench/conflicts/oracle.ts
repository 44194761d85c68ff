import { VISITOR_FIELD_POLICIES, type ConflictKind, type OpStatus, type VisitorData } from '../../src/core/protocol';
import type { PendingOp } from './client';
import type { ConcreteEdit } from './edits';

/**
 * The measurement (pure), shared by every strategy: after a round, each edit is judged against
 * what the server answered and what it holds.
 *
 * - concurrent: when its op ran, the record's server revision had moved past the revision the
 *   op was based on (someone else changed the visitor since this device last pulled);
 * - conflicted: its op was answered `conflict` and the conflict covers the edit's field (or the
 *   whole record, for delete conflicts) — the person sees their value in the dialog;
 * - lost: not conflicted, its effect is absent from the server's record after the round, and no
 *   later op in server order removed it knowingly (an op whose author's view held the effect);
 * - merged automatically: concurrent, not conflicted, not lost;
 * - contended (a stricter subset of concurrent): someone else changed the edit's own field (for a
 *   delete, anything in the record; for an edit, the record was deleted) between the device's
 *   last pull and its op — the cases a field-level merge cannot settle just by taking each side's
 *   fields.
 * Edits the same person undid or overwrote before pushing (or that end where the server already
 * was) are "self-superseded" and not judged further.
 */

export interface Answer {
  status: OpStatus;
  /** The record's revision after the op (its current one for a conflict). */
  rev?: number;
  /** The record's data after the op; null when deleted. */
  record: VisitorData | null;
  conflict?: { kind: ConflictKind; fields: string[]; theirs: Record<string, unknown> };
}

export interface PushedOp {
  client: number;
  pending: PendingOp;
  /** The record's server revision just before the op ran. */
  revBefore: number | undefined;
  answer: Answer;
}

export interface EditRecord {
  client: number;
  visitor: string;
  edit: ConcreteEdit;
  /** The server version the device started the round from (null: deleted). */
  before: VisitorData | null;
  /** The device's view of the record when it pushed. */
  atPush: VisitorData | null;
}

export type Verdict =
  | { outcome: 'self-superseded' }
  | { outcome: 'anomaly'; reason: string }
  | {
      outcome: 'kept' | 'conflicted' | 'superseded' | 'lost';
      concurrent: boolean;
      contended: boolean;
      /** For conflicted edits: which kind of clash. */
      conflictKey?: string;
    };

/** Judges one edit; `pushed` is the round's ops in server order, `final` the record after the round. */
export function judge(edit: EditRecord, pushed: readonly PushedOp[], final: VisitorData | null): Verdict {
  const { holds } = edit.edit;
  if (!holds(edit.atPush) || holds(edit.before)) return { outcome: 'self-superseded' };
  const index = pushed.findIndex((p) => p.client === edit.client && p.pending.op.id === edit.visitor);
  const mine = pushed[index];
  if (!mine) return { outcome: 'anomaly', reason: 'edit with a net change but no op' };
  const { answer, pending } = mine;
  if (answer.status !== 'applied' && answer.status !== 'conflict') {
    return { outcome: 'anomaly', reason: `op answered ${answer.status}` };
  }
  const baseRev = pending.op.kind === 'create' ? undefined : pending.baseRev;
  const concurrent = mine.revBefore !== undefined && baseRev !== undefined && mine.revBefore > baseRev;
  const contended = concurrent && changedByOthers(edit, pushed, index);

  const conflict = answer.status === 'conflict' ? answer.conflict : undefined;
  if (answer.status === 'conflict' && !conflict) return { outcome: 'anomaly', reason: 'conflict without details' };
  if (conflict && (conflict.kind !== 'update-update' || conflict.fields.includes(edit.edit.field))) {
    return { outcome: 'conflicted', concurrent, contended, conflictKey: conflictKey(edit, mine) };
  }
  if (holds(final)) return { outcome: 'kept', concurrent, contended };
  const knowinglyUndone = pushed
    .slice(index + 1)
    .some(
      (p) =>
        p.client !== edit.client &&
        p.pending.op.id === edit.visitor &&
        (p.answer.status === 'applied' || p.answer.status === 'conflict') &&
        holds(authorsView(p.pending)) &&
        !holds(p.answer.record),
    );
  return { outcome: knowinglyUndone ? 'superseded' : 'lost', concurrent, contended };
}

/**
 * Whether the record as the server held it just before the edit's op (the answer to the round's
 * previous op on it, else the version everyone pulled) differs from the version the device
 * started from in the edit's field — the whole record for a delete.
 */
function changedByOthers(edit: EditRecord, pushed: readonly PushedOp[], index: number): boolean {
  let previous: PushedOp | undefined;
  for (let k = index - 1; k >= 0 && !previous; k--) if (pushed[k]!.pending.op.id === edit.visitor) previous = pushed[k];
  const server = previous ? previous.answer.record : edit.before;
  const start = edit.before;
  if (!server || !start) return server !== start;
  const field = edit.edit.field;
  if (field === 'record') return JSON.stringify(server) !== JSON.stringify(start);
  return JSON.stringify(server[field]) !== JSON.stringify(start[field]);
}

/** What the op's author saw of the record: the server version they had, with their base values. */
function authorsView({ op, shadow }: PendingOp): VisitorData | null {
  if (shadow.deleted) return null;
  if (op.kind === 'create') return op.data;
  return { ...shadow.data, ...(op.base ?? {}) };
}

function conflictKey(edit: EditRecord, { pending, answer }: PushedOp): string {
  const conflict = answer.conflict!;
  if (conflict.kind === 'update-delete') return 'edit vs delete';
  if (conflict.kind === 'delete-update') return 'delete vs edit';
  const field = edit.edit.field;
  const base = pending.op.kind === 'update' ? (pending.op.base as Record<string, unknown>)[field] : undefined;
  const theirs = conflict.theirs[field];
  if (JSON.stringify(base) === JSON.stringify(theirs)) return `${field} (not changed by others: record-level check)`;
  if (field !== 'notes' || pending.op.kind !== 'update') return field;
  const mine = (pending.op.patch as Record<string, unknown>).notes;
  const appended = (x: unknown) =>
    typeof x === 'string' && typeof base === 'string' && x !== base && (base === '' || x.startsWith(`${base}\n`));
  if (appended(mine) && appended(theirs)) return 'notes (both appended lines)';
  if (typeof mine !== 'string' || typeof theirs !== 'string' || typeof base !== 'string') return 'notes';
  // Each side's change as one span of base lines (first to last line it touched); the server
  // treats spans that merely touch as overlapping (diff3), so tell those apart.
  const b = base.split('\n');
  const m = span(b, mine.split('\n'));
  const t = span(b, theirs.split('\n'));
  const sameLines = (m.start < t.end && t.start < m.end) || (m.start === m.end && t.start === t.end && m.start === t.start);
  const inside = (x: typeof m, y: typeof m) => x.start === x.end && y.start < x.start && x.start < y.end;
  return sameLines || inside(m, t) || inside(t, m) ? 'notes (same lines changed)' : 'notes (adjacent lines changed)';
}

/** The base lines [start, end) that `other` changed, from the first differing line to the last. */
function span(base: readonly string[], other: readonly string[]): { start: number; end: number } {
  let start = 0;
  while (start < base.length && start < other.length && base[start] === other[start]) start++;
  let suffix = 0;
  while (suffix < base.length - start && suffix < other.length - start && base[base.length - 1 - suffix] === other[other.length - 1 - suffix]) suffix++;
  return { start, end: base.length - suffix };
}

export interface Tally {
  edits: number;
  selfSuperseded: number;
  judged: number;
  concurrent: number;
  mergedAutomatically: number;
  /** Concurrent edits whose own field someone else had changed (see above), and how many of them merged. */
  contended: number;
  contendedMerged: number;
  /** Concurrent edits answered with a conflict (the person settles them). */
  trueConflicts: number;
  /** Conflicts on edits that were not concurrent (should be 0). */
  conflictsNotConcurrent: number;
  superseded: number;
  lost: number;
  anomalies: number;
  conflictsBy: Record<string, number>;
  lostBy: Record<string, number>;
  /** Per edit kind: concurrent, merged, conflicted, lost. */
  byKind: Record<string, { edits: number; concurrent: number; merged: number; conflicted: number; lost: number }>;
  anomalyReasons: Record<string, number>;
}

export function emptyTally(): Tally {
  return {
    edits: 0,
    selfSuperseded: 0,
    judged: 0,
    concurrent: 0,
    mergedAutomatically: 0,
    contended: 0,
    contendedMerged: 0,
    trueConflicts: 0,
    conflictsNotConcurrent: 0,
    superseded: 0,
    lost: 0,
    anomalies: 0,
    conflictsBy: {},
    lostBy: {},
    byKind: {},
    anomalyReasons: {},
  };
}

const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

export function count(tally: Tally, edit: EditRecord, verdict: Verdict): void {
  tally.edits += 1;
  const kind = (tally.byKind[edit.edit.kind] ??= { edits: 0, concurrent: 0, merged: 0, conflicted: 0, lost: 0 });
  kind.edits += 1;
  if (verdict.outcome === 'self-superseded') return void (tally.selfSuperseded += 1);
  if (verdict.outcome === 'anomaly') {
    tally.anomalies += 1;
    return void bump(tally.anomalyReasons, verdict.reason);
  }
  tally.judged += 1;
  if (verdict.concurrent) {
    tally.concurrent += 1;
    kind.concurrent += 1;
  }
  if (verdict.contended) tally.contended += 1;
  switch (verdict.outcome) {
    case 'conflicted':
      kind.conflicted += 1;
      if (verdict.concurrent) tally.trueConflicts += 1;
      else tally.conflictsNotConcurrent += 1;
      bump(tally.conflictsBy, verdict.conflictKey ?? edit.edit.field);
      break;
    case 'lost':
      tally.lost += 1;
      kind.lost += 1;
      bump(tally.lostBy, edit.edit.kind);
      break;
    case 'superseded':
      tally.superseded += 1;
      break;
    case 'kept':
      break;
  }
  if (verdict.concurrent && (verdict.outcome === 'kept' || verdict.outcome === 'superseded')) {
    tally.mergedAutomatically += 1;
    kind.merged += 1;
    if (verdict.contended) tally.contendedMerged += 1;
  }
}

/**
 * Whether a conflict of this key (see `conflictKey`) is one no strategy can settle without
 * dropping someone's edit: both sides set the same single-valued field to different values,
 * changed the same lines of the notes, or one deleted what the other edited. Lists and notes
 * changed in different places can always be merged, and a "not changed by others" conflict
 * needed no merge at all.
 */
export function isUnmergeable(key: string): boolean {
  if (key === 'edit vs delete' || key === 'delete vs edit' || key === 'notes (same lines changed)') return true;
  return (VISITOR_FIELD_POLICIES as Record<string, string>)[key] === 'manual';
}

/** Conflicts in `conflictsBy` that no strategy can merge without losing an edit. */
export function unmergeableConflicts(conflictsBy: Record<string, number>): number {
  return Object.entries(conflictsBy).reduce((sum, [key, n]) => sum + (isUnmergeable(key) ? n : 0), 0);
}

