import type { PushResponse } from '../protocol';
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
}

interface Folded {
  gone: Set<number>;
  failed: Map<number, OutboxOp>;
  shadows: Map<string, Shadow>;
  conflicts: Map<string, ConflictRecord>;
  conflictsChanged: Set<string>;
  missing: number;
}

/**
 * Folds the server's answer to `batch` into the device's state: applied and duplicate ops leave
 * the outbox and move the shadow forward, rejected ones stay as failed (holding the record's
 * later ops), conflicts are recorded (folded into an open one), and the edits queued behind an
 * op that conflicted join the conflict's "mine". Clears the in-flight watermark unless a later
 * batch holds it.
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
  for (const id of ids) {
    const conflict = dropped.has(id) ? undefined : folded.conflicts.get(id);
    const row = computeRow(id, folded.shadows.get(id), conflict, remaining.get(id) ?? [], now);
    rows.push({ id, row, shadow: folded.shadows.get(id), stored: stored.storedShadows.get(id) });
  }
  const lastSeq = Math.max(0, ...batchSeqs);
  const writes: LocalWrites = {
    ...recordWrites(rows),
    deleteOps: [...folded.gone],
    putOps: [...folded.failed.values()],
    putConflicts: [...folded.conflictsChanged].filter((id) => !dropped.has(id)).map((id) => folded.conflicts.get(id)!),
    deleteConflicts: [...dropped],
    ...(stored.inflightThrough <= lastSeq ? { meta: { inflightThrough: 0 } } : {}),
  };
  return { writes, missing: folded.missing };
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
    missing: 0,
  };
  for (const op of batch) {
    if (!present.has(op.seq!)) continue; // discarded meanwhile
    const r = results.get(op.opId);
    if (!r) {
      out.missing++;
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
    }
  }
  return out;
}

/**
 * Edits queued behind an op that just conflicted were never sent: they join the conflict's
 * "mine", so the view keeps them in the order they were made. A later delete settles the
 * conflict (the person chose to delete). Returns the records whose conflict is settled so.
 */
function foldQueuedEditsIntoConflicts(folded: Folded, remaining: Map<string, OutboxOp[]>, batchSeqs: ReadonlySet<number>) {
  const dropped = new Set<string>();
  for (const id of folded.conflictsChanged) {
    const list = remaining.get(id) ?? [];
    if (list.some((o) => o.state === 'failed')) continue;
    let conflict = folded.conflicts.get(id)!;
    for (const op of list) {
      if (batchSeqs.has(op.seq!)) continue; // sent, its result will come (missing now)
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
