/**
 * Sync errors: a stable `code` for the message table (messages.ts), structured `details`, and
 * the `cause`. Retryable and final errors are different classes.
 */

export type SyncErrorCode =
  | 'network'
  | 'server'
  | 'rate_limited'
  | 'auth'
  | 'forbidden'
  | 'request_rejected'
  | 'update_required'
  | 'protocol'
  | 'unexpected';

export interface SyncErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean = false;

  constructor(code: SyncErrorCode, message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** fetch threw: offline, DNS, connection reset, timeout. */
export class NetworkError extends SyncError {
  override readonly retryable = true;
  constructor(message = 'Network request failed', options: SyncErrorOptions = {}) {
    super('network', message, options);
  }
}

/** 5xx or 408. */
export class ServerError extends SyncError {
  override readonly retryable = true;
  readonly status: number;
  readonly retryAfterMs: number | null;
  constructor(status: number, retryAfterMs: number | null = null, options: SyncErrorOptions = {}) {
    super('server', `Server answered ${status}`, { ...options, details: { status, ...options.details } });
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** 429. */
export class RateLimitedError extends SyncError {
  override readonly retryable = true;
  readonly retryAfterMs: number | null;
  constructor(retryAfterMs: number | null, options: SyncErrorOptions = {}) {
    super('rate_limited', 'Too many requests', { ...options, details: { retryAfterMs, ...options.details } });
    this.retryAfterMs = retryAfterMs;
  }
}

/** 401 (session gone) or 403 (no access to the workspace): sync pauses until sign-in. */
export class AuthError extends SyncError {
  readonly status: number;
  constructor(status: 401 | 403, options: SyncErrorOptions = {}) {
    super(status === 403 ? 'forbidden' : 'auth', status === 403 ? 'Access denied' : 'Not signed in', {
      ...options,
      details: { status, ...options.details },
    });
    this.status = status;
  }
}

/** The server refused a whole request (400, 413, 422, other 4xx). Retrying it unchanged will not help. */
export class RequestRejectedError extends SyncError {
  readonly status: number;
  constructor(status: number, message = `Request rejected (${status})`, options: SyncErrorOptions = {}) {
    super('request_rejected', message, { ...options, details: { status, ...options.details } });
    this.status = status;
  }
}

/**
 * 426: this app speaks a protocol version the server no longer accepts (docs/ARCHITECTURE.md,
 * "Protocol versions"). Nothing was refused: the changes stay queued until the app is updated.
 */
export class UpdateRequiredError extends SyncError {
  constructor(options: SyncErrorOptions = {}) {
    super('update_required', 'This version of the app is too old for the server', options);
  }
}

/** A 2xx answer that does not match the shared schema (or is not JSON). */
export class ProtocolError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('protocol', message, options);
  }
}

export function isRetryable(err: unknown): boolean {
  return err instanceof SyncError && err.retryable;
}

/** The server's delay hint, when there is one (ServerError, RateLimitedError). */
export function retryAfterOf(err: unknown): number | null {
  return err instanceof RateLimitedError || err instanceof ServerError ? err.retryAfterMs : null;
}

interface HeadersLike {
  get(name: string): string | null;
}

/**
 * The error for a non-2xx answer (`null` for 2xx). `body` is the server's parsed error, if any,
 * kept in details for logs; `nowMs` resolves an HTTP-date Retry-After.
 */
export function classifyResponse(
  status: number,
  headers: HeadersLike,
  options: { body?: unknown; nowMs?: number } = {},
): SyncError | null {
  if (status >= 200 && status < 300) return null;
  const extra: SyncErrorOptions = options.body === undefined ? {} : { details: { body: options.body } };
  const retryAfter = () => parseRetryAfter(headers.get('retry-after'), options.nowMs ?? Date.now());
  if (status === 401 || status === 403) return new AuthError(status, extra);
  if (status === 429) return new RateLimitedError(retryAfter(), extra);
  if (status === 426) return new UpdateRequiredError(extra);
  if (status === 408 || status >= 500) return new ServerError(status, retryAfter(), extra);
  return new RequestRejectedError(status, serverMessage(options.body) ?? undefined, extra);
}

/** Whatever fetch (or reading its body) threw. */
export function classifyThrown(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  const reason = name === 'TimeoutError' ? 'timeout' : name === 'AbortError' ? 'aborted' : 'failed';
  return new NetworkError(e instanceof Error ? e.message : String(e), { cause: e, details: { reason } });
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now (never negative); null if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function serverMessage(body: unknown): string | null {
  const msg = (body as { error?: { message?: unknown } } | null | undefined)?.error?.message;
  return typeof msg === 'string' ? msg : null;
}
