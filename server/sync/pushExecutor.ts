import { HttpError } from '../http/httpError';
import { parseJsonBytes } from '../http/jsonText';
import type { Storage } from '../storage/types';
import { executePush, type PushCall } from './executePush';

/** A push as it arrives: the body still as bytes, so whoever runs it also parses it. */
export interface RawPushCall extends Omit<PushCall, 'body'> {
  body: Uint8Array;
}

/** A push's answer, already serialised: the thread that ran it also paid for the JSON. */
export interface PushAnswer {
  json: string;
  cursor: number;
  clientId: string;
  ops: number;
  changed: boolean;
}

/**
 * Runs pushes: in this thread (`inProcessPushExecutor`, the tests' default) or in a worker
 * thread that owns its own database connection (`startPushWorker`), so that parsing, merging
 * and writing a push never hold up the event loop that answers everyone else.
 */
export interface PushExecutor {
  /** Resolves with the answer or rejects with the `HttpError` to send. */
  push(call: RawPushCall): Promise<PushAnswer>;
  /** Waits for the pushes under way, then stops. */
  close(): Promise<void>;
}

export async function runRawPush(storage: Storage, call: RawPushCall): Promise<PushAnswer> {
  const { response, clientId, changed } = await executePush(storage, { ...call, body: parseJsonBytes(call.body) });
  return { json: JSON.stringify(response), cursor: response.cursor, clientId, ops: response.results.length, changed };
}

export function inProcessPushExecutor(storage: Storage): PushExecutor {
  return { push: (call) => runRawPush(storage, call), close: async () => undefined };
}

/** An error as it crosses from the worker: an `HttpError`'s parts, or the words of a crash. */
export type WireError = { kind: 'http'; code: HttpError['code']; message: string; fields?: Record<string, string> } | { kind: 'crash'; message: string };

export function toWireError(error: unknown): WireError {
  if (error instanceof HttpError) return { kind: 'http', code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  return { kind: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

export function fromWireError(error: WireError): Error {
  if (error.kind === 'http') return new HttpError(error.code, error.message, error.fields);
  return new Error(`push worker: ${error.message}`);
}
