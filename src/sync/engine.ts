import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_PULL_LIMIT, MAX_OPS_PER_PUSH, MAX_PULL_LIMIT, type PushResponse } from '../core/protocol';
import type { OutpostDb } from '../db/schema';
import type { OutboxOp } from '../core/client/types';
import { getMeta, getMetas, setMeta } from '../db/meta';
import { AuthError, ProtocolError, RequestRejectedError, SyncError } from '../core/errors';
import { SYNC_LOCK_NAME, type LockFn } from './locks';
import { syncMessage } from '../core/messages';
import { DEFAULT_BATCH_BYTES, createOutboxStore } from './outboxStore';
import {
  INITIAL_SYNC_STATUS,
  failedStatus,
  succeededStatus,
  syncingStatus,
  type Publish,
  type SyncStatus,
} from '../core/client/status';
import type { Transport } from './transport';
import { toWireOp } from '../core/client/wire';

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
  /** Changes asked for in the first pull page; each next page asks for twice as many, up to `maxPullLimit`. */
  pullLimit?: number;
  maxPullLimit?: number;
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
  maxPullLimit = MAX_PULL_LIMIT,
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
   * Drains the outbox; returns how many ops it pushed. Pipelined, so that IndexedDB, the
   * network and the server all work at once: while a batch is on the wire the next one is
   * already taken (marked in flight), and goes out the moment the answer is in; the answer is
   * then written, and the batch after next taken, in one transaction, while the server works.
   * A batch taken while another is in flight leaves out that batch's records (the server must
   * see a record's ops in order, and their rejections and conflicts must land first); those
   * ops go in a later batch.
   */
  async function push(clientId: string, pending: number): Promise<number> {
    let total = pending;
    if (!total) return 0;
    let done = 0;
    let maxOps = maxOpsPerPush;
    publish({ type: 'progress', done, total });
    const send = (batch: OutboxOp[]) => {
      // No transaction is open here: never hold IndexedDB across the network.
      const sent = transport.push({ clientId, ops: batch.map(toWireOp) });
      sent.catch(() => {});
      return sent;
    };
    const takeOptions = (inFlight: readonly OutboxOp[]) => ({
      maxOps,
      maxBytes: maxPushBytes,
      skipRecords: new Set(inFlight.map((o) => o.id)),
    });
    const startWith = (batch: OutboxOp[]) => {
      const { skipRecords } = takeOptions(batch);
      const next = store.takeBatch(maxOps, maxPushBytes, { skipRecords });
      next.catch(() => {});
      return { batch, sent: send(batch), next };
    };

    let batch = await store.takeBatch(maxOps, maxPushBytes);
    if (!batch.length) return done;
    let sent: Promise<PushResponse>;
    let next: Promise<OutboxOp[]>;
    ({ sent, next } = startWith(batch));
    for (;;) {
      let response: PushResponse;
      try {
        response = await sent;
      } catch (e) {
        // Settle the read-ahead first: a failure recovers what it marked in flight too.
        await next.catch(() => {});
        if (!(e instanceof RequestRejectedError && e.status === 413)) throw e;
        if (batch.length > 1) {
          // Too large for this server: halve until it fits, down to the one op that does not.
          maxOps = Math.ceil(batch.length / 2);
          await store.recoverInflight();
          batch = await store.takeBatch(maxOps, maxPushBytes);
          if (!batch.length) return done;
          ({ sent, next } = startWith(batch));
          continue;
        }
        response = rejectAll(batch, 'too-large');
      }
      const following = await next;
      if (following.length) sent = send(following);
      const { missing, next: afterThat } = await store.applyPushResults(batch, response, {
        thenTake: takeOptions(following),
      });
      if (missing) {
        // Left pending; stop here rather than resend them in a loop.
        throw new ProtocolError(`push answer has no result for ${missing} of ${batch.length} ops`, {
          details: { missing },
        });
      }
      done += batch.length;
      total = Math.max(total, done);
      publish({ type: 'progress', done, total });
      if (following.length) {
        batch = following;
        next = Promise.resolve(afterThat);
      } else {
        // Nothing was in flight: what was just taken (ops left out earlier) goes next.
        if (!afterThat.length) return done;
        batch = afterThat;
        ({ sent, next } = startWith(batch));
      }
    }
  }

  /**
   * Pulls from `since` until caught up. Pages are fetched one ahead, and each page's write is
   * queued as soon as it arrives, behind the previous page's (IndexedDB runs them in order, and
   * each checks that the one before it landed), so IndexedDB goes from page to page without
   * waiting for this loop. The first page is small, to start writing soon on a fresh device;
   * later ones grow, for fewer transactions.
   */
  async function pull(since: number) {
    let limit = Math.min(pullLimit, maxPullLimit);
    const fetchPage = (from: number) => {
      const page = transport.pull(from, limit);
      page.catch(() => {});
      return page;
    };
    let next = fetchPage(since);
    let writing: Promise<void> | null = null;
    try {
      for (;;) {
        const page = await next;
        if (page.hasMore) {
          if (page.cursor <= since) throw new ProtocolError('pull answer has more but its cursor did not move');
          limit = Math.min(limit * 2, maxPullLimit);
          // Its cursor comes from this answer.
          next = fetchPage(page.cursor);
        }
        const previous = writing;
        writing = store.applyPull(page.changes, page.cursor, { after: since });
        writing.catch(() => {});
        // At most two pages wait for IndexedDB.
        if (previous) await previous;
        if (!page.hasMore) return await writing;
        since = page.cursor;
      }
    } catch (e) {
      // A queued write fails its check if the one before it failed; let it settle first.
      await writing?.catch(() => {});
      throw e;
    }
  }

  return {
    sync({ force = false, pullWhenIdle = true } = {}) {
      return lock(SYNC_LOCK_NAME, async (): Promise<SyncOutcome> => {
        // One transaction to begin (a fresh device's first pull waits for it): recover a dead
        // drainer's ops, read and write the status, make sure of the clientId, and read what
        // there is to push and where to pull from.
        const { prev, id, pending, cursor } = await db.transaction('rw', [db.meta, db.outbox], async () => {
          await store.recoverInflight();
          const [status, cursor = 0] = await getMetas(db, ['syncStatus', 'cursor'] as const);
          const prev = status ?? INITIAL_SYNC_STATUS;
          if (prev.state === 'auth-required' && !force) return { prev, id: null, pending: 0, cursor };
          await setMeta(db, 'syncStatus', syncingStatus(prev));
          const [id, pending] = await Promise.all([clientId(), store.pendingTotal()]);
          return { prev, id, pending, cursor };
        });
        if (id === null) {
          return { ok: false, error: new AuthError(401, { details: { paused: true } }), retryAt: null };
        }
        publish({ type: 'status', status: syncingStatus(prev) });
        try {
          const pushed = await push(id, pending);
          // Pushing moves no cursor: only pulls write it, under this lock.
          if (pushed > 0 || pullWhenIdle) await pull(cursor);
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
