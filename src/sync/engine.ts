import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_PULL_LIMIT, MAX_OPS_PER_PUSH, MAX_PULL_LIMIT } from '../core/protocol';
import { DEFAULT_BATCH_BYTES } from '../core/client/batch';
import type { LocalStore, MetaValues } from '../core/client/localStore';
import { INITIAL_SYNC_STATUS, failedStatus, succeededStatus, syncingStatus, type Publish, type SyncStatus } from '../core/client/status';
import { foldTally, newTally, type SyncTally } from '../core/client/syncStats';
import { AuthError, SyncError } from '../core/errors';
import { messageFor } from '../core/messages';
import { drain } from './drain';
import { SYNC_LOCK_NAME, type LockFn } from './locks';
import { meteredTransport } from './meteredTransport';
import { createOutbox } from './outbox';
import { pullPages } from './pullPages';
import type { Transport } from './transport';
import { uploadAttachments } from './uploads';

export type SyncOutcome = { ok: true } | { ok: false; error: SyncError; retryAt: number | null };

export interface SyncEngine {
  /**
   * Drains the outbox, then pulls until caught up, holding the sync lock. Never throws for
   * sync failures: they come back in the outcome (and in meta `syncStatus`). `force` resumes
   * after `auth-required` (call it once the person has signed in again). `pullWhenIdle: false`
   * skips the pull when there was nothing to push (a wake-up whose work a page already did).
   * `onPull` is called right before the pull's first request: a change committed on the server
   * before then is in what this sync pulls.
   */
  sync(opts?: { force?: boolean; pullWhenIdle?: boolean; onPull?: () => void }): Promise<SyncOutcome>;
}

export interface SyncEngineOptions {
  store: LocalStore;
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
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, transport, lock, now = () => Date.now(), random = Math.random, newId = uuidv7 } = options;
  const outbox = createOutbox(store, { now });
  const publish = safePublisher(options.publish);
  const pull = {
    outbox,
    firstLimit: options.pullLimit ?? DEFAULT_PULL_LIMIT,
    maxLimit: options.maxPullLimit ?? MAX_PULL_LIMIT,
    onProgress: (done: number, total: number) => publish({ type: 'pull-progress', done, total }),
  };
  const limits = { maxOps: options.maxOpsPerPush ?? MAX_OPS_PER_PUSH, maxBytes: options.maxPushBytes ?? DEFAULT_BATCH_BYTES };

  /** The end of a sync: its status, and what it measured folded into meta `syncStats`, in one transaction. */
  async function finish(status: SyncStatus, tally: SyncTally, also: Partial<MetaValues> = {}) {
    await store.transaction(['meta'], async (tx) => {
      const [stats] = await tx.meta(['syncStats'] as const);
      await tx.write({ meta: { ...also, syncStatus: status, syncStats: foldTally(stats, tally) } });
    });
    publish({ type: 'status', status });
  }

  /**
   * One transaction to begin (a fresh device's first pull waits for it): recover a dead
   * drainer's ops, read the status, make sure of the clientId, and read what there is to push
   * and upload and where to pull from; then write `syncing`, unless this is an idle wake-up
   * (nothing to push or upload, no pull wanted, nothing to recover from), which writes nothing;
   * and take the drain's first batch (`first`) when there is one and no photo to upload first.
   * `clientId` is null while sync waits for a sign-in. `signedIn`: the user id of the session
   * stored now.
   */
  function begin(force: boolean, pullWhenIdle: boolean) {
    return store.transaction(['meta', 'outbox', 'attachments'], async (tx) => {
      // Every read at once: each request waits for the answer before it otherwise (a few ms
      // each on a busy device, and this transaction stands before every push and pull).
      const [{ pending, takeFirst }, [status, cursor = 0, existingId, session], [photo]] = await Promise.all([
        outbox.beginDrain(tx, limits),
        tx.meta(['syncStatus', 'cursor', 'clientId', 'session'] as const),
        tx.pendingAttachments(1),
      ]);
      const prev = status ?? INITIAL_SYNC_STATUS;
      const signedIn = session?.user.id;
      if (prev.state === 'auth-required' && !force) return { prev, clientId: null, pending: 0, photos: false, cursor, signedIn, idle: false };
      const clientId = existingId ?? newId();
      const idle = !pullWhenIdle && pending === 0 && !photo && existingId !== undefined && prev.state === 'idle';
      if (!idle) await tx.write({ meta: existingId ? { syncStatus: syncingStatus(prev) } : { syncStatus: syncingStatus(prev), clientId } });
      // The drain's first batch, taken here: a transaction less between a save and its push.
      // Not when photos go first (the upload may take long, and the batch would wait in flight).
      const first = pending > 0 && !photo ? await takeFirst() : undefined;
      return { prev, clientId, pending, photos: photo !== undefined, cursor, signedIn, idle, first };
    });
  }

  return {
    sync({ force = false, pullWhenIdle = true, onPull } = {}) {
      return lock(SYNC_LOCK_NAME, async (): Promise<SyncOutcome> => {
        const { prev, clientId, pending, photos, cursor, signedIn, idle, first } = await begin(force, pullWhenIdle);
        if (clientId === null) return { ok: false, error: new AuthError(401, { details: { paused: true } }), retryAt: null };
        // The service worker woken after a page already drained: the page's status stands.
        if (idle) return { ok: true };
        publish({ type: 'status', status: syncingStatus(prev) });
        const tally = newTally();
        const metered = meteredTransport(transport, tally, now);
        try {
          // Photos first: a record never names a photo the server lacks (unless it refused it).
          // `begin` already looked for one, which saves a transaction before every push and pull.
          if (photos) await uploadAttachments(store, transport);
          const pushed = await drain({ outbox, transport: metered, publish, clientId, ...limits }, pending, first);
          // The drain journalled what it learnt (core/client/acks.ts). The rows take it in while
          // the pull is on the wire: both read rows through the journal, so either order is right.
          // Pushing moves no cursor: only pulls write it, under this lock.
          const pulling = pushed > 0 || pullWhenIdle;
          if (pulling) onPull?.();
          const [folded, pulled] = await Promise.allSettled([
            outbox.foldAcks(),
            pulling ? pullPages({ ...pull, transport: metered }, cursor) : null,
          ]);
          for (const outcome of [pulled, folded]) if (outcome.status === 'rejected') throw outcome.reason;
          metered.done();
          await finish(succeededStatus(now()), tally);
          return { ok: true };
        } catch (e) {
          const error = e instanceof SyncError ? e : new SyncError('unexpected', e instanceof Error ? e.message : String(e), { cause: e });
          // Whatever was in flight is pending again; nothing leaves the outbox on a failure.
          await outbox.recoverInflight();
          // The batches answered before the failure show as synced. This sync's error is the one
          // to report: a failing fold leaves the journal for the next sync to fold.
          await outbox.foldAcks().catch(() => 0);
          const status = failedStatus(prev, error, now(), random);
          metered.done();
          tally.error = { at: now(), code: error.code, message: messageFor(error.code), detail: error.message };
          // The server refused the cookie this sync sent: until someone signs in again, the
          // stored person's ops wait (the next cookie may be someone else's: core/client/author.ts).
          await finish(status, tally, error instanceof AuthError && signedIn ? { sessionRefused: signedIn } : {});
          return { ok: false, error, retryAt: status.nextRetryAt };
        }
      });
    },
  };
}

/** Progress is a courtesy to open pages: a failing publisher must not fail the sync. */
function safePublisher(publishTo: Publish = () => {}): Publish {
  return (msg) => {
    try {
      publishTo(msg);
    } catch {
      /* nobody listening */
    }
  };
}
