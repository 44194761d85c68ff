import { PUSH_BUDGET_EXCEEDED, type OpResult, type PushResponse } from '../protocol';
import { ackRow, type AckedVersion } from './acks';
import { sameAuthor } from './author';
import { conflictFromOp, foldConflict, foldEditIntoConflict } from './conflict';
import type { LocalWrites } from './localStore';
import { messageFor } from '../messages';
import { advancedShadow, guessConflict } from './pushResult';
import { opsByRecord, recordWrites } from './recordWrites';
import { computeRow } from './row';
import type { ConflictRecord, LocalVisitor, OutboxOp, Shadow } from './types';

/** What is stored of a pushed batch's records, read in the transaction that applies the answer. */
export interface StoredForPush {
  /** The batch's ops still queued (as sent) and the records' other queued ops (as stored). */
  queued: readonly OutboxOp[];
  /** Each record's server version (stored shadow, or implied by a synced row). */
  shadows: ReadonlyMap<string, Shadow>;
  /** The shadow rows stored now. */
  storedShadows: ReadonlyMap<string, Shadow>;
  conflicts: ReadonlyMap<string, ConflictRecord>;
  inflightThrough: number;
}

export interface PushResultsPlan {
  writes: LocalWrites;
  /** Ops of the batch with no result in the answer (left pending). */
  missing: number;
  /** Ops of the batch the server did not get to within its work budget (left pending, to be sent again). */
  overBudget: number;
}

interface Folded {
  gone: Set<number>;
  failed: Map<number, OutboxOp>;
  shadows: Map<string, Shadow>;
  conflicts: Map<string, ConflictRecord>;
  conflictsChanged: Set<string>;
  /** For each record that conflicted, the op whose answer was the conflict. */
  conflictedBy: Map<string, OutboxOp>;
  missing: number;
  overBudget: number;
}

/**
 * Folds the server's answer to `batch` into the device's state: applied and duplicate ops leave
 * the outbox and move the shadow forward, rejected ones stay as failed (holding the record's
 * later ops), conflicts are recorded (folded into an open one), and the edits queued behind an
 * op that conflicted join the conflict's "mine". Ops past the server's work budget stay
 * pending as if unanswered. Clears the in-flight watermark unless a later batch holds it.
 */
export function planPushResults(batch: readonly OutboxOp[], response: PushResponse, stored: StoredForPush, now: number): PushResultsPlan {
  const ids = [...new Set(batch.map((o) => o.id))];
  const present = new Set(stored.queued.map((o) => o.seq!));
  const folded = foldResults(batch, response, stored, present, now);
  const batchSeqs = new Set(batch.map((o) => o.seq!));
  const remaining = opsByRecord(
    stored.queued.filter((o) => !folded.gone.has(o.seq!)).map((o) => folded.failed.get(o.seq!) ?? o),
  );
  const dropped = foldQueuedEditsIntoConflicts(folded, remaining, batchSeqs);

  const rows: { id: string; row: LocalVisitor | null; shadow: Shadow | undefined; stored: Shadow | undefined }[] = [];
  const acked: AckedVersion[] = [];
  const queuedBefore = new Set(stored.queued.map((o) => o.id));
  for (const id of ids) {
    const conflict = dropped.has(id) ? undefined : folded.conflicts.get(id);
    const row = computeRow(id, folded.shadows.get(id), conflict, remaining.get(id) ?? [], now);
    rows.push({ id, row, shadow: folded.shadows.get(id), stored: stored.storedShadows.get(id) });
    const version = queuedBefore.has(id) ? ackedVersion(row, stored.shadows.get(id)) : null;
    if (version) acked.push(version);
  }
  const journalled = new Set(acked.map((v) => v.id));
  const records = recordWrites(rows);
  const lastSeq = Math.max(0, ...batchSeqs);
  const writes: LocalWrites = {
    ...records,
    putRows: records.putRows!.filter((row) => !journalled.has(row.id)),
    ...(acked.length ? { addAcks: [ackRow(acked, now)] } : {}),
    deleteOps: [...folded.gone],
    putOps: [...folded.failed.values()],
    putConflicts: [...folded.conflictsChanged].filter((id) => !dropped.has(id)).map((id) => folded.conflicts.get(id)!),
    deleteConflicts: [...dropped],
    ...(stored.inflightThrough <= lastSeq ? { meta: { inflightThrough: 0 } } : {}),
  };
  return { writes, missing: folded.missing, overBudget: folded.overBudget };
}

/**
 * The version to journal (acks.ts) instead of rewriting the row, for a record whose row the
 * answer made synced. Only for a record that had ops queued (its stored row exists, and its
 * `serverRev` is the server version it was based on: `before`), and only when the answer's
 * revision is newer than that, so the journal reads as newer than the stored row.
 */
function ackedVersion(row: LocalVisitor | null, before: Shadow | undefined): AckedVersion | null {
  if (row?.syncState !== 'synced' || row.serverRev === undefined) return null;
  if (before && before.rev >= row.serverRev) return null;
  return { id: row.id, rev: row.serverRev, data: row.data };
}

function foldResults(
  batch: readonly OutboxOp[],
  response: PushResponse,
  stored: StoredForPush,
  present: ReadonlySet<number>,
  now: number,
): Folded {
  const results = new Map(response.results.map((r) => [r.opId, r]));
  const out: Folded = {
    gone: new Set(),
    failed: new Map(),
    shadows: new Map(stored.shadows),
    conflicts: new Map(stored.conflicts),
    conflictsChanged: new Set(),
    conflictedBy: new Map(),
    missing: 0,
    overBudget: 0,
  };
  const notRun = pastBudget(batch, response);
  for (const op of batch) {
    if (!present.has(op.seq!)) continue; // discarded meanwhile
    const r = results.get(op.opId);
    if (!r) {
      out.missing++;
      continue;
    }
    if (notRun.has(op.seq!)) {
      // Not applied, and not a rejection of the change: it goes again in a later batch.
      out.overBudget++;
      continue;
    }
    if (r.status === 'rejected') {
      const lastError = r.error ?? { code: 'rejected', message: messageFor('rejected') };
      out.failed.set(op.seq!, { ...op, state: 'failed', attempts: op.attempts + 1, lastError });
      continue;
    }
    out.gone.add(op.seq!);
    const shadow = advancedShadow(out.shadows.get(op.id), op, r);
    if (shadow) out.shadows.set(op.id, shadow);
    if (r.status === 'conflict') {
      const found = conflictFromOp(op, r.conflict ?? guessConflict(op, r), now);
      const prev = out.conflicts.get(op.id);
      out.conflicts.set(op.id, prev ? foldConflict(prev, found) : found);
      out.conflictsChanged.add(op.id);
      out.conflictedBy.set(op.id, op);
    }
  }
  return out;
}

/**
 * Edits queued behind an op that just conflicted were never sent: they join the conflict's
 * "mine", so the view keeps them in the order they were made. A later delete settles the
 * conflict (the person chose to delete). Returns the records whose conflict is settled so.
 * Another person's edit stays queued: it goes out under its author's session.
 */
function foldQueuedEditsIntoConflicts(folded: Folded, remaining: Map<string, OutboxOp[]>, batchSeqs: ReadonlySet<number>) {
  const dropped = new Set<string>();
  for (const id of folded.conflictsChanged) {
    const list = remaining.get(id) ?? [];
    if (list.some((o) => o.state === 'failed')) continue;
    let conflict = folded.conflicts.get(id)!;
    const by = folded.conflictedBy.get(id)!;
    for (const op of list) {
      if (batchSeqs.has(op.seq!)) continue; // sent, its result will come (missing now)
      if (!sameAuthor(op, by)) break;
      if (op.kind !== 'update') {
        if (op.kind === 'delete') dropped.add(id);
        break;
      }
      conflict = foldEditIntoConflict(conflict, op.patch ?? {}, op.base ?? {});
      folded.gone.add(op.seq!);
    }
    folded.conflicts.set(id, conflict);
    remaining.set(id, list.filter((o) => !folded.gone.has(o.seq!)));
  }
  return dropped;
}

/**
 * The seqs of the batch's ops the server did not run: past the push's work budget, or held back
 * only because an earlier op of their record in the batch was past it.
 */
export function pastBudget(batch: readonly OutboxOp[], response: PushResponse): Set<number> {
  const results = new Map(response.results.map((r) => [r.opId, r]));
  const records = new Set<string>();
  const seqs = new Set<number>();
  for (const op of batch) {
    const r = results.get(op.opId);
    if (!isOverBudget(r) && !(records.has(op.id) && r?.error?.code === 'blocked_by_earlier_rejection')) continue;
    records.add(op.id);
    seqs.add(op.seq!);
  }
  return seqs;
}

function isOverBudget(r: OpResult | undefined): boolean {
  return r?.status === 'rejected' && r.error?.code === PUSH_BUDGET_EXCEEDED;
}
