import { SyncError, type SyncErrorCode } from '../core/errors';
import type { SyncEngine, SyncOutcome } from '../sync/engine';

/** The page asks its sync worker for a sync (`SyncEngine.sync`'s options, and an id for the answers). */
export interface SyncRequest {
  id: number;
  force: boolean;
  pullWhenIdle: boolean;
}

/** The worker's answers: the pull of sync `id` begins; sync `id` ended. */
export type SyncWorkerMessage =
  | { type: 'pull'; id: number }
  | { type: 'outcome'; id: number; ok: true }
  | { type: 'outcome'; id: number; ok: false; error: { code: SyncErrorCode; message: string; retryable: boolean }; retryAt: number | null };

/** An outcome as a message: an error crosses as its code and message (a class does not survive the copy). */
export function outcomeMessage(id: number, outcome: SyncOutcome): SyncWorkerMessage {
  if (outcome.ok) return { type: 'outcome', id, ok: true };
  const { code, message, retryable } = outcome.error;
  return { type: 'outcome', id, ok: false, error: { code, message, retryable }, retryAt: outcome.retryAt };
}

/** The outcome a message carries, its error a `SyncError` again with the same code, message and retryability. */
export function outcomeOf(message: Extract<SyncWorkerMessage, { type: 'outcome' }>): SyncOutcome {
  if (message.ok) return { ok: true };
  const error = Object.assign(new SyncError(message.error.code, message.error.message), { retryable: message.error.retryable });
  return { ok: false, error, retryAt: message.retryAt };
}

/** The side of a worker the page talks to. */
export interface SyncPort {
  postMessage(request: SyncRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SyncWorkerMessage>) => void): void;
}

/** `SyncEngine.sync` in the page, run by the worker behind `port`. */
export function workerEngine(port: SyncPort): Pick<SyncEngine, 'sync'> {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (outcome: SyncOutcome) => void; onPull?: () => void }>();
  port.addEventListener('message', ({ data }) => {
    const sync = waiting.get(data.id);
    if (!sync) return;
    if (data.type === 'pull') return sync.onPull?.();
    waiting.delete(data.id);
    sync.resolve(outcomeOf(data));
  });
  return {
    sync({ force = false, pullWhenIdle = true, onPull } = {}) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, { resolve, ...(onPull ? { onPull } : {}) });
        port.postMessage({ id, force, pullWhenIdle });
      });
    },
  };
}

/** The worker's side: runs each request's sync on `engine` and answers on `port`. */
export function serveSyncRequests(
  port: { postMessage(message: SyncWorkerMessage): void; addEventListener(type: 'message', listener: (event: MessageEvent<SyncRequest>) => void): void },
  engine: Pick<SyncEngine, 'sync'>,
): void {
  port.addEventListener('message', ({ data: { id, force, pullWhenIdle } }) => {
    void engine.sync({ force, pullWhenIdle, onPull: () => port.postMessage({ type: 'pull', id }) }).then((outcome) => port.postMessage(outcomeMessage(id, outcome)));
  });
}
