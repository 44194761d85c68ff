import { isCompactChange, MAX_OPS_PER_PUSH, type PulledChange, type PushResponse } from '../core/protocol';
import { newestAcked, planFold } from '../core/client/acks';
import { BatchBuilder, DEFAULT_BATCH_BYTES, heldFrom, isHeld, type BatchLimits } from '../core/client/batch';
import { senderOf, sendableBy } from '../core/client/author';
import type { LocalStore, LocalTransaction } from '../core/client/localStore';
import { NOTHING_STORED, isNothingStored, planPull } from '../core/client/planPull';
import { planPushResults } from '../core/client/planPushResults';
import { effectiveShadows } from '../core/client/shadow';
import type { OutboxOp } from '../core/client/types';
import { SyncError } from '../core/errors';

export type TakeOptions = Partial<BatchLimits>;

export interface Outbox {
  /** Ops a dead (or finished) drainer left in flight go back to pending. Call on taking the lock. */
  recoverInflight(tx?: LocalTransaction): Promise<void>;
  /**
   * The next ops to push, in seq order, marked in flight. Skips ops already in flight, rejected
   * ops and every later op of their records (held until the person edits or discards), and the
   * ops of anyone but the signed-in person with every later op of their records (they wait for
   * their author to sign in: core/client/author.ts). In `tx` when given (over at least outbox and meta).
   */
  takeBatch(options?: TakeOptions, tx?: LocalTransaction): Promise<OutboxOp[]>;
  /**
   * Whether every op of `batch` may still go out under the session stored now: read right
   * before a batch taken earlier is sent, since the person signed in may have changed meanwhile.
   */
  stillSendable(batch: readonly OutboxOp[]): Promise<boolean>;
  /**
   * Applies the server's answer to `batch` in one transaction (planPushResults). `missing`: ops
   * with no result (left pending); `overBudget`: ops the server did not get to (left pending). With `thenTake`, the same transaction then takes the next
   * batch as `takeBatch` would (`next`; empty without it): a drain saves a transaction per batch.
   */
  applyPushResults(
    batch: readonly OutboxOp[],
    response: PushResponse,
    options?: { thenTake?: TakeOptions },
  ): Promise<{ missing: number; overBudget: number; next: OutboxOp[] }>;
  /**
   * Applies one page of pulled changes and writes `cursor` in the same transaction. With
   * `after`, it first checks that the stored cursor is `after` (the page before landed), so a
   * page may be queued before the previous page's transaction has committed.
   */
  applyPull(changes: readonly PulledChange[], cursor: number, options?: { after?: number }): Promise<void>;
  /**
   * A drain's start, in its first transaction `tx` (over at least outbox and meta): recovers a
   * dead drainer's ops (`recoverInflight`), counts what the drain will send (`pending`: the
   * signed-in person's ops not held behind a rejection, for progress), and
   * gives `takeFirst`, which takes the first batch (`takeBatch` with `options`) in `tx` from the
   * same reads. Each request in a transaction waits for the one before it, and this transaction
   * stands between a save and its push.
   */
  beginDrain(tx: LocalTransaction, options?: TakeOptions): Promise<{ pending: number; takeFirst(): Promise<OutboxOp[]> }>;
  /**
   * Folds the acknowledgement journal into the rows (core/client/acks.ts), one journal row per
   * transaction, so that local writes go between. Returns how many journal rows it folded.
   */
  foldAcks(): Promise<number>;
}

/**
 * The drain's side of the local store. The lock holder is the only caller; the page's local
 * writes run concurrently in their own transactions, and never touch an op with `seq <= sentThrough`.
 */
export function createOutbox(store: LocalStore, { now = () => Date.now() }: { now?: () => number } = {}): Outbox {
  const inTx = <T>(tx: LocalTransaction | undefined, work: (tx: LocalTransaction) => Promise<T>) =>
    tx ? work(tx) : store.transaction(['outbox', 'meta'], work);

  return {
    recoverInflight: (tx) => inTx(tx, recoverInflight),
    takeBatch: (options = {}, tx) => inTx(tx, (tx) => take(tx, options)),
    beginDrain,
    stillSendable: (batch) =>
      store.transaction(['meta'], async (tx) => {
        const [session, refused] = await tx.meta(['session', 'sessionRefused'] as const);
        const sender = senderOf(session, refused);
        return batch.every((op) => sendableBy(op, sender));
      }),

    applyPushResults(batch, response, { thenTake } = {}) {
      const ids = [...new Set(batch.map((o) => o.id))];
      return store.transaction(['outbox', 'shadows', 'visitors', 'conflicts', 'meta'], async (tx) => {
        const sent = new Map(batch.map((o) => [o.seq!, o]));
        const [storedShadows, conflicts, queued, [inflightThrough]] = await Promise.all([
          tx.shadows(ids),
          tx.conflicts(ids),
          // The batch's ops as sent; the records' other ops (queued since, or held) as stored.
          tx.opsOf(ids, sent),
          tx.meta(['inflightThrough'] as const),
        ]);
        // A record with a queued op never has a synced row (core/client/row.ts), so its row
        // implies no shadow and need not be read: only records whose ops all left meanwhile
        // (none, in a drain) need theirs. Reading 500 rows was a tenth of the drain's IndexedDB time.
        const queuedIds = new Set(queued.map((o) => o.id));
        const rows = await tx.rows(ids.filter((id) => !queuedIds.has(id)));
        const shadows = effectiveShadows(ids, storedShadows, rows);
        const stored = { queued, shadows, storedShadows, conflicts, inflightThrough: inflightThrough ?? 0 };
        const plan = planPushResults(batch, response, stored, now());
        await tx.write(plan.writes);
        return { missing: plan.missing, overBudget: plan.overBudget, next: thenTake ? await take(tx, thenTake) : [] };
      });
    },

    async foldAcks() {
      let folded = 0;
      while (await store.transaction(['visitors'], foldOldestAck)) folded++;
      return folded;
    },

    applyPull(changes, cursor, { after } = {}) {
      const ids = [...new Set(changes.map((c) => c.id))];
      const t = now();
      // Planned before the transaction on the guess that this device holds nothing of these
      // records (a first pull; new records): the transaction checks the guess and writes at
      // once, rather than leave IndexedDB idle while 1000 rows are computed.
      // A compact change builds on a version stored here: never a guess of nothing stored.
      const guess = ids.length && !changes.some(isCompactChange) ? planPull(changes, NOTHING_STORED, t) : null;
      return store.transaction(['shadows', 'visitors', 'conflicts', 'outbox', 'meta'], async (tx) => {
        const [[storedCursor], rows, shadows, conflicts, ops] = await Promise.all([
          tx.meta(['cursor'] as const),
          tx.rows(ids),
          tx.shadows(ids),
          tx.conflicts(ids),
          tx.opsOf(ids),
        ]);
        if (after !== undefined && (storedCursor ?? 0) !== after) {
          // The page before this one did not land (or someone reset the cursor): writing this
          // one would skip changes.
          throw new SyncError('unexpected', `pull cursor is ${storedCursor ?? 0}, expected ${after}`, {
            details: { stored: storedCursor, after },
          });
        }
        const storedState = { rows, shadows, conflicts, ops };
        const plan = guess && isNothingStored(storedState) ? guess : planPull(changes, storedState, t);
        await tx.write({ ...plan, meta: { cursor } });
      });
    },
  };
}

async function foldOldestAck(tx: LocalTransaction): Promise<boolean> {
  const ack = await tx.oldestAck();
  if (!ack) return false;
  const [stored, holding] = await Promise.all([tx.storedRows(ack.ids), tx.acksOf(ack.ids)]);
  await tx.write(planFold(ack, stored, newestAcked(holding, ack.ids)));
  return true;
}

async function recoverInflight(tx: LocalTransaction): Promise<void> {
  const [inflightThrough] = await tx.meta(['inflightThrough'] as const);
  if (inflightThrough) await tx.write({ meta: { inflightThrough: 0 } });
}

/** Per record, the first op a drain may not send under `sender`: rejected, or another person's (core/client/author.ts). */
async function heldFor(tx: LocalTransaction, sender: string | null, failed: OutboxOp[]): Promise<Map<string, number>> {
  const others = await tx.opsByOthers(sender);
  return heldFrom(others.length ? [...failed, ...others] : failed);
}

/** What a take knows before its loop: where the ops to send start, what is held, and the first chunk after `after`. */
interface TakeStart {
  after: number;
  sentThrough: number;
  held: Map<string, number>;
  first: OutboxOp[];
}

/** `takeBatch`, inside a transaction over at least outbox and meta. */
async function take(tx: LocalTransaction, options: TakeOptions): Promise<OutboxOp[]> {
  const [failed, [inflightThrough, sentThrough, session, refused]] = await Promise.all([
    tx.failedOps(),
    tx.meta(['inflightThrough', 'sentThrough', 'session', 'sessionRefused'] as const),
  ]);
  // Ops up to the watermark belong to a drainer still waiting for its answer (or a dead one,
  // until recoverInflight): never send them twice at once.
  const after = inflightThrough ?? 0;
  // The first chunk is read beside the held records: one round trip less before every push.
  const [held, first] = await Promise.all([heldFor(tx, senderOf(session, refused), failed), tx.opsAfter(after, maxOpsOf(options))]);
  return fill(tx, options, { after, sentThrough: sentThrough ?? 0, held, first });
}

async function beginDrain(tx: LocalTransaction, options: TakeOptions = {}) {
  const [all, failed, [inflightThrough, sentThrough, session, refused]] = await Promise.all([
    tx.opCount(),
    tx.failedOps(),
    tx.meta(['inflightThrough', 'sentThrough', 'session', 'sessionRefused'] as const),
  ]);
  // As recoverInflight: the ops a dead drainer left in flight are counted and taken again.
  const [held, first] = await Promise.all([
    heldFor(tx, senderOf(session, refused), failed),
    tx.opsAfter(0, maxOpsOf(options)),
    inflightThrough ? tx.write({ meta: { inflightThrough: 0 } }) : undefined,
  ]);
  const pending = await sendableCount(tx, all, held);
  return { pending, takeFirst: () => fill(tx, options, { after: 0, sentThrough: sentThrough ?? 0, held, first }) };
}

const maxOpsOf = (options: TakeOptions) => options.maxOps ?? MAX_OPS_PER_PUSH;

/** Offers the ops after `start.after` to a batch until it is full, and marks the batch in flight. */
async function fill(tx: LocalTransaction, { maxBytes = DEFAULT_BATCH_BYTES, skipRecords, ...options }: TakeOptions, start: TakeStart): Promise<OutboxOp[]> {
  const batch = new BatchBuilder({ maxOps: maxOpsOf(options), maxBytes, ...(skipRecords ? { skipRecords } : {}) }, start.held);
  let after = start.after;
  let next: OutboxOp[] | null = start.first;
  while (!batch.full) {
    const want = batch.room;
    const chunk = next ?? (await tx.opsAfter(after, want));
    next = null;
    for (const op of chunk) {
      after = op.seq!;
      if (!batch.offer(op)) break;
    }
    if (chunk.length < want) break;
  }
  const last = batch.ops[batch.ops.length - 1]?.seq;
  if (last !== undefined) await tx.write({ meta: { inflightThrough: last, sentThrough: Math.max(start.sentThrough, last) } });
  return batch.ops;
}

/** Of `all` ops, those not held. */
async function sendableCount(tx: LocalTransaction, all: number, held: Map<string, number>): Promise<number> {
  if (!held.size) return all;
  const sameRecords = await tx.opsOf([...held.keys()]);
  return all - sameRecords.filter((o) => isHeld(o, held)).length;
}
