import { backoffDelay } from './backoff';
import { AuthError, NetworkError, retryAfterOf, UpdateRequiredError, type SyncError } from '../errors';
import { messageFor } from '../messages';

export type SyncStateName = 'idle' | 'syncing' | 'offline' | 'error' | 'auth-required' | 'update-required';

/** Kept in meta `syncStatus`, so every tab and the service worker see it through liveQuery. */
export interface SyncStatus {
  state: SyncStateName;
  /** When a sync last completed fully (ISO). */
  lastSyncedAt: string | null;
  lastError: { code: string; message: string } | null;
  /** Epoch ms of the next automatic attempt; null when none is planned. */
  nextRetryAt: number | null;
  /** Consecutive failed syncs. */
  failures: number;
}

/** Ephemeral messages, for open pages (BroadcastChannel `outpost-sync`). */
export type SyncBroadcast =
  | { type: 'progress'; done: number; total: number }
  /** A pull of more than one page: changes stored so far, of how many in all. */
  | { type: 'pull-progress'; done: number; total: number }
  | { type: 'status'; status: SyncStatus };
export type Publish = (msg: SyncBroadcast) => void;

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  lastSyncedAt: null,
  lastError: null,
  nextRetryAt: null,
  failures: 0,
};

export function syncingStatus(prev: SyncStatus): SyncStatus {
  return { ...prev, state: 'syncing', nextRetryAt: null };
}

export function succeededStatus(nowMs: number): SyncStatus {
  return { state: 'idle', lastSyncedAt: new Date(nowMs).toISOString(), lastError: null, nextRetryAt: null, failures: 0 };
}

/**
 * After a failed sync: offline / error get a backoff retry time; auth-required waits for
 * sign-in, update-required for the app's update (or the person's "Sync now").
 */
export function failedStatus(prev: SyncStatus, error: SyncError, nowMs: number, random: () => number): SyncStatus {
  const failures = prev.failures + 1;
  const state: SyncStateName =
    error instanceof AuthError
      ? 'auth-required'
      : error instanceof UpdateRequiredError
        ? 'update-required'
        : error instanceof NetworkError
          ? 'offline'
          : 'error';
  return {
    state,
    lastSyncedAt: prev.lastSyncedAt,
    lastError: { code: error.code, message: messageFor(error.code) },
    nextRetryAt: state === 'auth-required' || state === 'update-required' ? null : nowMs + backoffDelay(failures, random, retryAfterOf(error)),
    failures,
  };
}

/**
 * Whether a drainer the browser woke (the service worker's sync event) must leave the server
 * alone for now: the server answered the last sync with an error (5xx, 429) and its backoff,
 * or its Retry-After, has not passed. A network failure does not count: the wake-up means the
 * network may be back, and the browser's next wake-up could be minutes away.
 */
export function serverAskedToWait(status: SyncStatus | undefined, nowMs: number): boolean {
  return status?.state === 'error' && status.nextRetryAt !== null && status.nextRetryAt > nowMs;
}
