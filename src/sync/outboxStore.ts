import { MAX_OPS_PER_PUSH, type Change, type PushResponse } from '../core/protocol';
import type { OutpostDb } from '../db/schema';
import type { ConflictRecord, LocalVisitor, OutboxOp, Shadow } from '../core/client/types';
import { getMeta, getMetas } from '../db/meta';
import { RowWrites, byId, deleteSeqs, effectiveShadows, readById, readOpsOf } from './bulk';
import { conflictFromOp, foldConflict, foldEditIntoConflict, refreshTheirs } from '../core/client/conflict';
import { SyncError } from '../core/errors';
import { syncMessage } from '../core/messages';
import { advancedShadow, guessConflict } from '../core/client/pushResult';
import { computeRow } from '../core/client/row';
import { PUSH_ENVELOPE_BYTES, wireSize } from '../core/client/wire';

/** Push bodies stay under this (the server takes 1 MiB), leaving room for the envelope. */
export const DEFAULT_BATCH_BYTES = 900 * 1024;

export interface TakeOptions {
  maxOps?: number;
  maxBytes?: number;
  /** Records whose ops must wait (a batch of theirs is in flight). */
  skipRecords?: ReadonlySet<string>;
}

export interface OutboxStore {
  /** Ops a dead (or finished) drainer left in flight go back to pending. Call on taking the lock. */
  recoverInflight(): Promise<void>;
  /**
   * The next ops to push, in seq order, marked in flight. Skips ops already in flight, rejected
   * ops and every later op of their records (held until the person edits or discards).
   */
  takeBatch(maxOps?: number, maxBytes?: number, options?: { skipRecords?: ReadonlySet<string> }): Promise<OutboxOp[]>;
  /**
   * Applies the server's answer to `batch` in one transaction, and clears the in-flight
   * watermark unless a later batch holds it. `missing`: ops with no result (left pending).
   * With `thenTake`, the same transaction then takes the next batch as `takeBatch` would
   * (`next`; empty without it): a drain saves a transaction per batch.
   */
  applyPushResults(
    batch: readonly OutboxOp[],
    response: PushResponse,
    options?: { thenTake?: TakeOptions },
  ): Promise<{ missing: number; next: OutboxOp[] }>;
  /**
   * Applies one page of pulled changes and writes `cursor` in the same transaction. With
   * `after`, it first checks that the stored cursor is `after` (the page before landed), so a
   * page may be queued before the previous page's transaction has committed.
   */
  applyPull(changes: readonly Change[], cursor: number, options?: { after?: number }): Promise<void>;
  /** Ops the next drain will send (pending and not held behind a rejection), for progress. */
  pendingTotal(): Promise<number>;
}

/**
 * The Dexie side of the drain. The lock holder is the only caller; the page's local writes run
 * concurrently in their own transactions, and never touch an op with `seq <= sentThrough`.
 */
export function createOutboxStore(db: OutpostDb, { now = () => Date.now() }: { now?: () => number } = {}): OutboxStore {
  /** `takeBatch`, inside a transaction over at least outbox and meta. */
  async function take({ maxOps = MAX_OPS_PER_PUSH, maxBytes = DEFAULT_BATCH_BYTES, skipRecords }: TakeOptions): Promise<OutboxOp[]> {
    const [failed, [inflightThrough, sentThrough]] = await Promise.all([
      db.outbox.where('state').equals('failed').toArray(),
      getMetas(db, ['inflightThrough', 'sentThrough'] as const),
    ]);
    const heldAfter = new Map<string, number>();
    for (const f of failed) heldAfter.set(f.id, Math.min(f.seq!, heldAfter.get(f.id) ?? Infinity));

    const batch: OutboxOp[] = [];
    let bytes = PUSH_ENVELOPE_BYTES;
    // Ops up to the watermark belong to a drainer still waiting for its answer (or a dead
    // one, until recoverInflight): never send them twice at once.
    let after = inflightThrough ?? 0;
    fill: while (batch.length < maxOps) {
      const want = maxOps - batch.length;
      const chunk = await db.outbox.where('seq').above(after).limit(want).toArray();
      for (const op of chunk) {
        after = op.seq!;
        const held = heldAfter.get(op.id);
        if (op.state === 'failed' || (held !== undefined && op.seq! > held) || skipRecords?.has(op.id)) continue;
        const size = wireSize(op);
        // An op too big on its own still goes, alone: the server's 413 turns it into a visible rejection.
        if (batch.length && bytes + size > maxBytes) break fill;
        batch.push(op);
        bytes += size;
      }
      if (chunk.length < want) break;
    }
    if (batch.length) {
      const last = batch[batch.length - 1]!.seq!;
      await db.meta.bulkPut([
        { key: 'inflightThrough', value: last },
        { key: 'sentThrough', value: Math.max(sentThrough ?? 0, last) },
      ]);
    }
    return batch;
  }

  return {
    async recoverInflight() {
      await db.transaction('rw', db.meta, async () => {
        if ((await getMeta(db, 'inflightThrough')) ?? 0) await db.meta.put({ key: 'inflightThrough', value: 0 });
      });
    },

    takeBatch(maxOps, maxBytes, { skipRecords } = {}) {
      return db.transaction('rw', [db.outbox, db.meta], () => take({ maxOps, maxBytes, skipRecords }));
    },

    applyPushResults(batch, response, { thenTake } = {}) {
      const results = new Map(response.results.map((r) => [r.opId, r]));
      const ids = [...new Set(batch.map((o) => o.id))];
      const t = now();
      return db.transaction('rw', [db.outbox, db.shadows, db.visitors, db.conflicts, db.meta], async () => {
        const sent = new Map(batch.map((o) => [o.seq!, o]));
        const [storedList, conflictRows, queued, inflightThrough] = await Promise.all([
          readById(db.shadows, ids),
          readById(db.conflicts, ids),
          // The batch's ops as sent; the records' other ops (queued since, or held) as stored.
          readOpsOf(db, ids, sent),
          getMeta(db, 'inflightThrough'),
        ]);
        // A record with a queued op never has a synced row (sync/row.ts), so its row implies no
        // shadow and need not be read: only records whose ops all left meanwhile (none, in a
        // drain) need theirs. Reading 500 rows was a tenth of the drain's IndexedDB time.
        const queuedIds = new Set(queued.map((o) => o.id));
        const rowList = await readById(db.visitors, ids.filter((id) => !queuedIds.has(id)));
        const stored = byId(storedList);
        const shadows = effectiveShadows(ids, stored, byId(rowList));
        const conflicts = byId(conflictRows);
        const batchSeqs = new Set(sent.keys());
        const lastSeq = Math.max(0, ...batchSeqs);
        const others = queued.filter((o) => !batchSeqs.has(o.seq!));
        const present = new Set(queued.map((o) => o.seq!));

        const gone = new Set<number>();
        const failed = new Map<number, OutboxOp>();
        const conflictsChanged = new Set<string>();
        const conflictsDropped = new Set<string>();
        let missing = 0;

        for (const op of batch) {
          if (!present.has(op.seq!)) continue;
          const r = results.get(op.opId);
          if (!r) {
            missing++;
            continue;
          }
          if (r.status === 'rejected') {
            failed.set(op.seq!, {
              ...op,
              state: 'failed',
              attempts: op.attempts + 1,
              lastError: r.error ?? { code: 'rejected', message: syncMessage('rejected') },
            });
            continue;
          }
          gone.add(op.seq!);
          const shadow = advancedShadow(shadows.get(op.id), op, r);
          if (shadow) shadows.set(op.id, shadow);
          if (r.status === 'conflict') {
            const found = conflictFromOp(op, r.conflict ?? guessConflict(op, r), t);
            const prev = conflicts.get(op.id);
            conflicts.set(op.id, prev ? foldConflict(prev, found) : found);
            conflictsChanged.add(op.id);
          }
        }

        const remaining = new Map<string, OutboxOp[]>();
        for (const op of [...batch.filter((o) => present.has(o.seq!) && !gone.has(o.seq!)), ...others]) {
          const current = failed.get(op.seq!) ?? op;
          const list = remaining.get(op.id);
          if (list) list.push(current);
          else remaining.set(op.id, [current]);
        }
        for (const list of remaining.values()) list.sort((a, b) => a.seq! - b.seq!);

        // Edits queued behind an op that just conflicted were never sent: they join the
        // conflict's "mine" (DESIGN §3), so the view keeps them in the order they were made.
        for (const id of conflictsChanged) {
          const list = remaining.get(id) ?? [];
          if (list.some((o) => o.state === 'failed')) continue;
          let conflict = conflicts.get(id)!;
          for (const op of list) {
            if (batchSeqs.has(op.seq!)) continue; // sent, its result will come (missing now)
            if (op.kind === 'update') {
              conflict = foldEditIntoConflict(conflict, op.patch ?? {}, op.base ?? {});
              gone.add(op.seq!);
            } else {
              // A later delete settles the conflict: the person chose to delete.
              if (op.kind === 'delete') conflictsDropped.add(id);
              break;
            }
          }
          conflicts.set(id, conflict);
          remaining.set(id, list.filter((o) => !gone.has(o.seq!)));
        }

        const out = new RowWrites();
        for (const id of ids) {
          const conflict = conflictsDropped.has(id) ? undefined : conflicts.get(id);
          const row = computeRow(id, shadows.get(id), conflict, remaining.get(id) ?? [], t);
          out.add(id, row, shadows.get(id), stored.get(id));
        }

        const conflictPuts = [...conflictsChanged].filter((id) => !conflictsDropped.has(id)).map((id) => conflicts.get(id)!);
        await Promise.all([
          deleteSeqs(db, [...gone]),
          failed.size ? db.outbox.bulkPut([...failed.values()]) : null,
          conflictPuts.length ? db.conflicts.bulkPut(conflictPuts) : null,
          conflictsDropped.size ? db.conflicts.bulkDelete([...conflictsDropped]) : null,
          out.write(db),
          (inflightThrough ?? 0) <= lastSeq ? db.meta.put({ key: 'inflightThrough', value: 0 }) : null,
        ]);
        return { missing, next: thenTake ? await take(thenTake) : [] };
      });
    },

    applyPull(changes, cursor, { after } = {}) {
      const ids = [...new Set(changes.map((c) => c.id))];
      const t = now();
      // Planned before the transaction on the guess that this device holds nothing of these
      // records (a first pull; new records): the transaction checks the guess with a count per
      // table and writes at once, rather than leave IndexedDB idle while 1000 rows are computed.
      const guess = ids.length ? planPull(changes, NOTHING_STORED, t) : null;
      return db.transaction('rw', [db.shadows, db.visitors, db.conflicts, db.outbox, db.meta], async () => {
        const [stored, rowList, storedList, conflictRows, opRows] = await Promise.all([
          after === undefined ? undefined : getMeta(db, 'cursor'),
          readById(db.visitors, ids),
          readById(db.shadows, ids),
          readById(db.conflicts, ids),
          readOpsOf(db, ids),
        ]);
        if (after !== undefined && (stored ?? 0) !== after) {
          // The page before this one did not land (or someone reset the cursor): writing this
          // one would skip changes.
          throw new SyncError('unexpected', `pull cursor is ${stored ?? 0}, expected ${after}`, { details: { stored, after } });
        }
        const nothingStored = !opRows.length && [rowList, storedList, conflictRows].every((list) => list.every((r) => !r));
        const plan = guess && nothingStored ? guess : planPull(changes, { rowList, storedList, conflictRows, opRows }, t);
        await Promise.all([
          plan.conflictPuts.length ? db.conflicts.bulkPut(plan.conflictPuts) : null,
          plan.out.write(db),
          db.meta.put({ key: 'cursor', value: cursor }),
        ]);
      });
    },

    pendingTotal() {
      return db.transaction('r', db.outbox, async () => {
        // Ops are pending or failed; a primary-key count is cheaper than counting an index.
        const [all, failed] = await Promise.all([db.outbox.count(), db.outbox.where('state').equals('failed').toArray()]);
        const pending = all - failed.length;
        if (!failed.length) return pending;
        const heldAfter = new Map<string, number>();
        for (const f of failed) heldAfter.set(f.id, Math.min(f.seq!, heldAfter.get(f.id) ?? Infinity));
        const sameRecords = await db.outbox.where('id').anyOf([...heldAfter.keys()]).toArray();
        const held = sameRecords.filter((o) => o.state === 'pending' && o.seq! > heldAfter.get(o.id)!).length;
        return pending - held;
      });
    },
  };
}

interface StoredForPull {
  rowList: readonly (LocalVisitor | undefined)[];
  storedList: readonly (Shadow | undefined)[];
  conflictRows: readonly (ConflictRecord | undefined)[];
  opRows: readonly OutboxOp[];
}
const NOTHING_STORED: StoredForPull = { rowList: [], storedList: [], conflictRows: [], opRows: [] };

/**
 * The writes that apply one pulled page over what is stored of its records: shadow := server
 * (only forward), rows rebased over queued ops, conflicts' "theirs" refreshed.
 */
function planPull(changes: readonly Change[], { rowList, storedList, conflictRows, opRows }: StoredForPull, t: number) {
  const ids = [...new Set(changes.map((c) => c.id))];
  const stored = byId(storedList);
  const shadows = effectiveShadows(ids, stored, byId(rowList));
  const conflicts = byId(conflictRows);
  const opsById = new Map<string, OutboxOp[]>();
  for (const op of [...opRows].sort((a, b) => a.seq! - b.seq!)) {
    const list = opsById.get(op.id);
    if (list) list.push(op);
    else opsById.set(op.id, [op]);
  }

  const touched = new Set<string>();
  const conflictsChanged = new Set<string>();
  for (const c of changes) {
    const prev = shadows.get(c.id);
    if (prev && prev.rev >= c.rev) continue; // a shadow only moves forward
    shadows.set(c.id, { id: c.id, collection: c.collection, rev: c.rev, deleted: c.deleted, data: c.data });
    touched.add(c.id);
    const conflict = conflicts.get(c.id);
    if (conflict && !c.deleted) {
      conflicts.set(c.id, refreshTheirs(conflict, c.data, c.updatedBy, c.updatedAt));
      conflictsChanged.add(c.id);
    }
  }

  const out = new RowWrites();
  for (const id of touched) {
    const row = computeRow(id, shadows.get(id), conflicts.get(id), opsById.get(id) ?? [], t);
    out.add(id, row, shadows.get(id), stored.get(id));
  }
  return { out, conflictPuts: [...conflictsChanged].map((id) => conflicts.get(id)!) };
}
