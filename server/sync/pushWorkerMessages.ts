import type { PushAnswer, RawPushCall, WireError } from './pushExecutor';

/** From the event loop to the push worker. */
export type WorkerRequest = { type: 'push'; id: number; call: RawPushCall } | { type: 'close' };

/** From the push worker back. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'startFailed'; error: WireError }
  | { type: 'answer'; id: number; answer: PushAnswer }
  | { type: 'failed'; id: number; error: WireError }
  | { type: 'closed' };
