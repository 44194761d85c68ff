import { describe, expect, it } from 'vitest';
import {
  AuthError,
  NetworkError,
  ProtocolError,
  RateLimitedError,
  RequestRejectedError,
  ServerError,
  SyncError,
  classifyResponse,
  classifyThrown,
  isRetryable,
  parseRetryAfter,
} from './errors';
import { MESSAGES, messageFor } from './messages';

const headers = (h: Record<string, string> = {}) => new Headers(h);
const NOW = Date.parse('2025-05-01T10:00:00Z');

describe('classifyResponse', () => {
  it('2xx is not an error', () => {
    expect(classifyResponse(200, headers())).toBeNull();
    expect(classifyResponse(204, headers())).toBeNull();
  });

  it('5xx and 408 are retryable server errors', () => {
    for (const status of [500, 502, 503, 504, 408]) {
      const e = classifyResponse(status, headers());
      expect(e).toBeInstanceOf(ServerError);
      expect(e?.code).toBe('server');
      expect(isRetryable(e)).toBe(true);
    }
    expect((classifyResponse(503, headers({ 'retry-after': '7' })) as ServerError).retryAfterMs).toBe(7000);
  });

  it('429 is retryable, with Retry-After in seconds or as an HTTP date', () => {
    const secs = classifyResponse(429, headers({ 'Retry-After': '120' }));
    expect(secs).toBeInstanceOf(RateLimitedError);
    expect((secs as RateLimitedError).retryAfterMs).toBe(120_000);
    expect(isRetryable(secs)).toBe(true);
    const date = classifyResponse(429, headers({ 'retry-after': new Date(NOW + 30_000).toUTCString() }), { nowMs: NOW });
    expect((date as RateLimitedError).retryAfterMs).toBe(30_000);
    expect((classifyResponse(429, headers()) as RateLimitedError).retryAfterMs).toBeNull();
  });

  it('401 and 403 are final auth errors', () => {
    const e401 = classifyResponse(401, headers());
    const e403 = classifyResponse(403, headers());
    expect(e401).toBeInstanceOf(AuthError);
    expect(e401?.code).toBe('auth');
    expect(e403).toBeInstanceOf(AuthError);
    expect(e403?.code).toBe('forbidden');
    expect(isRetryable(e401)).toBe(false);
  });

  it('400, 413, 422 (and other 4xx) are final request rejections, keeping the server’s message', () => {
    for (const status of [400, 413, 422, 404]) {
      const e = classifyResponse(status, headers());
      expect(e).toBeInstanceOf(RequestRejectedError);
      expect((e as RequestRejectedError).status).toBe(status);
      expect(isRetryable(e)).toBe(false);
    }
    const body = { error: { code: 'too_many_ops', message: 'At most 500 operations per push' } };
    const e = classifyResponse(400, headers(), { body });
    expect(e?.message).toBe('At most 500 operations per push');
    expect(e?.details.body).toEqual(body);
  });
});

describe('classifyThrown', () => {
  it('fetch failures are retryable network errors with the cause kept', () => {
    const cause = new TypeError('Failed to fetch');
    const e = classifyThrown(cause);
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.cause).toBe(cause);
    expect(e.details.reason).toBe('failed');
    expect(isRetryable(e)).toBe(true);
  });

  it('timeouts are network errors', () => {
    const e = classifyThrown(new DOMException('timed out', 'TimeoutError'));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.details.reason).toBe('timeout');
  });

  it('passes sync errors through', () => {
    const p = new ProtocolError('bad');
    expect(classifyThrown(p)).toBe(p);
    expect(isRetryable(p)).toBe(false);
  });
});

describe('errors', () => {
  it('keep a stable code, name and instanceof chain', () => {
    const e = new RateLimitedError(5);
    expect(e).toBeInstanceOf(SyncError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('RateLimitedError');
    expect(e.code).toBe('rate_limited');
  });

  it('every error code has UI words', () => {
    for (const code of ['network', 'server', 'rate_limited', 'auth', 'forbidden', 'request_rejected', 'protocol', 'unexpected'] as const) {
      expect(MESSAGES[code]).toBeTruthy();
    }
    expect(messageFor('network')).toMatch(/Can't reach the server/);
    expect(messageFor('auth')).toMatch(/Sign in again/);
    expect(messageFor('something-new')).toBe(MESSAGES.rejected);
  });

  it('parseRetryAfter ignores junk and never goes negative', () => {
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
  });
});
