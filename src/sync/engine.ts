import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_PULL_LIMIT, MAX_OPS_PER_PUSH, type PushResponse } from '../protocol';
import type { OutpostDb } from '../db/schema';
import type { OutboxOp } from '../db/types';
import { getMeta, setMeta } from '../db/meta';
import { AuthError, ProtocolError, RequestRejectedError, SyncError } from './errors';
import { SYNC_LOCK_NAME, type LockFn } from './locks';
import { syncMessage } from './messages';
import { DEFAULT_BATCH_BYTES, createOutboxStore } from './outboxStore';
import {
  INITIAL_SYNC_STATUS,
  failedStatus,
  succeededStatus,
  syncingStatus,
  type Publish,
  type SyncStatus,
} from './status';
import type { Transport } from './transport';
import { toWireOp } from './wire';

export type SyncOutcome = { ok: true } | { ok: false; error: SyncError; retryAt: number | null };

export interface SyncEngine {
  /**
   * Drains the outbox, then pulls until caught up, holding the sync lock. Never throws for
   * sync failures: they come back in the outcome (and in meta `syncStatus`). `force` resumes
   * after `auth-required` (call it once the person has signed in again). `pullWhenIdle: false`
   * skips the pull when there was nothing to push (a wake-up whose work a page already did).
   */
  sync(opts?: { force?: boolean; pullWhenIdle?: boolean }): Promise<SyncOutcome>;
}

export interface SyncEngineOptions {
  db: OutpostDb;
  transport: Transport;
  lock: LockFn;
  /** Epoch ms. */
  now?: () => number;
  random?: () => number;
  publish?: Publish;
  newId?: () => string;
  pullLimit?: number;
  maxOpsPerPush?: number;
  maxPushBytes?: number;
}

/** The same engine runs in pages and in the service worker; everything with a side effect is passed in. */
export function createSyncEngine({
  db,
  transport,
  lock,
  now = () => Date.now(),
  random = Math.random,
  publish: publishTo = () => {},
  newId = uuidv7,
  pullLimit = DEFAULT_PULL_LIMIT,
  maxOpsPerPush = MAX_OPS_PER_PUSH,
  maxPushBytes = DEFAULT_BATCH_BYTES,
}: SyncEngineOptions): SyncEngine {
  const store = createOutboxStore(db, { now });
  // Progress is a courtesy to open pages: a failing publisher must not fail the sync.
  const publish: Publish = (msg) => {
    try {
      publishTo(msg);
    } catch {
      /* nobody listening */
    }
  };

  async function writeStatus(status: SyncStatus) {
    await setMeta(db, 'syncStatus', status);
    publish({ type: 'status', status });
  }

  function clientId(): Promise<string> {
    return db.transaction('rw', db.meta, async () => {
      const existing = await getMeta(db, 'clientId');
      if (existing) return existing;
      const id = newId();
      await setMeta(db, 'clientId', id);
      return id;
    });
  }

  /**
   * Drains the outbox. Pipelined: once a batch's answer is in, the next batch is sent before
   * the answer is written, so the server works while IndexedDB does. The next batch leaves out
   * the records of the batch being written (their rejections and conflicts must land first);
   * those ops go in a later round.
   */
  /** Returns how many ops it pushed. */
  async function push(clientId: string): Promise<number> {
    let total = await store.pendingTotal();
    let done = 0;
    let maxOps = maxOpsPerPush;
    if (total) publish({ type: 'progress', done, total });
    const send = (batch: OutboxOp[]) => {
      // No transaction is open here: never hold IndexedDB across the network.
      const sent = transport.push({ clientId, ops: batch.map(toWireOp) });
      sent.catch(() => {});
      return sent;
    };
    for (;;) {
      let batch = await store.takeBatch(maxOps, maxPushBytes);
      if (!batch.length) return done;
      let sent = send(batch);
      while (batch.length) {
        let response: PushResponse;
        try {
          response = await sent;
        } catch (e) {
          if (!(e instanceof RequestRejectedError && e.status === 413)) throw e;
          if (batch.length > 1) {
            // Too large for this server: halve until it fits, down to the one op that does not.
            maxOps = Math.ceil(batch.length / 2);
            await store.recoverInflight();
            break;
          }
          response = rejectAll(batch, 'too-large');
        }
        const next = await store.takeBatch(maxOps, maxPushBytes, { skipRecords: new Set(batch.map((o) => o.id)) });
        if (next.length) sent = send(next);
        const { missing } = await store.applyPushResults(batch, response);
        if (missing) {
          // Left pending; stop here rather than resend them in a loop.
          throw new ProtocolError(`push answer has no result for ${missing} of ${batch.length} ops`, {
            details: { missing },
          });
        }
        done += batch.length;
        total = Math.max(total, done);
        publish({ type: 'progress', done, total });
        batch = next;
      }
    }
  }

  async function pull() {
    let since = (await getMeta(db, 'cursor')) ?? 0;
    let next = transport.pull(since, pullLimit);
    for (;;) {
      const page = await next;
      if (page.hasMore) {
        if (page.cursor <= since) throw new ProtocolError('pull answer has more but its cursor did not move');
        // Fetch the next page while this one is written; its cursor comes from this answer.
        next = transport.pull(page.cursor, pullLimit);
        next.catch(() => {});
      }
      await store.applyPull(page.changes, page.cursor);
      if (!page.hasMore) return;
      since = page.cursor;
    }
  }

  return {
    sync({ force = false, pullWhenIdle = true } = {}) {
      return lock(SYNC_LOCK_NAME, async (): Promise<SyncOutcome> => {
        await store.recoverInflight();
        const prev = (await getMeta(db, 'syncStatus')) ?? INITIAL_SYNC_STATUS;
        if (prev.state === 'auth-required' && !force) {
          return { ok: false, error: new AuthError(401, { details: { paused: true } }), retryAt: null };
        }
        await writeStatus(syncingStatus(prev));
        try {
          const pushed = await push(await clientId());
          if (pushed > 0 || pullWhenIdle) await pull();
          await writeStatus(succeededStatus(now()));
          return { ok: true };
        } catch (e) {
          const error =
            e instanceof SyncError
              ? e
              : new SyncError('unexpected', e instanceof Error ? e.message : String(e), { cause: e });
          // Whatever was in flight is pending again; nothing leaves the outbox on a failure.
          await store.recoverInflight();
          const status = failedStatus(prev, error, now(), random);
          await writeStatus(status);
          return { ok: false, error, retryAt: status.nextRetryAt };
        }
      });
    },
  };
}

function rejectAll(batch: readonly OutboxOp[], code: string): PushResponse {
  return {
    results: batch.map((op) => ({
      opId: op.opId,
      status: 'rejected' as const,
      error: { code, message: syncMessage(code) },
    })),
    cursor: 0,
  };
}
