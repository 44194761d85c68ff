import { describe, expect, it } from 'vitest';
import { AuthError, NetworkError, RateLimitedError, ServerError } from '../errors';
import { INITIAL_SYNC_STATUS, failedStatus, serverAskedToWait, succeededStatus, syncingStatus } from './status';

const NOW = Date.parse('2025-05-01T10:00:00Z');
const half = () => 0.5;

describe('sync status transitions', () => {
  it('syncing keeps history', () => {
    const prev = { ...INITIAL_SYNC_STATUS, lastSyncedAt: 'x', failures: 2, nextRetryAt: 5 };
    expect(syncingStatus(prev)).toEqual({ ...prev, state: 'syncing', nextRetryAt: null });
  });

  it('success resets failures and records the time', () => {
    expect(succeededStatus(NOW)).toEqual({
      state: 'idle',
      lastSyncedAt: '2025-05-01T10:00:00.000Z',
      lastError: null,
      nextRetryAt: null,
      failures: 0,
    });
  });

  it('a network failure is offline with a backoff retry', () => {
    const s = failedStatus({ ...INITIAL_SYNC_STATUS, failures: 2 }, new NetworkError(), NOW, half);
    expect(s.state).toBe('offline');
    expect(s.failures).toBe(3);
    expect(s.nextRetryAt).toBe(NOW + 2000); // attempt 3: 4 s window, half of it
    expect(s.lastError?.code).toBe('network');
    expect(s.lastError?.message).toMatch(/Can't reach the server/);
  });

  it('a server error is error; Retry-After is honoured', () => {
    expect(failedStatus(INITIAL_SYNC_STATUS, new ServerError(503), NOW, half).state).toBe('error');
    expect(failedStatus(INITIAL_SYNC_STATUS, new RateLimitedError(60_000), NOW, half).nextRetryAt).toBe(NOW + 60_000);
  });

  it('auth-required plans no retry', () => {
    const s = failedStatus(INITIAL_SYNC_STATUS, new AuthError(401), NOW, half);
    expect(s).toMatchObject({ state: 'auth-required', nextRetryAt: null, lastError: { code: 'auth' } });
  });
});

describe('serverAskedToWait (the service worker’s wake-up)', () => {
  const NOW2 = Date.parse('2025-05-01T10:00:00.000Z');
  const after = (error: Parameters<typeof failedStatus>[1]) => failedStatus(INITIAL_SYNC_STATUS, error, NOW2, () => 0.5);

  it('waits out a 429’s Retry-After and a server error’s backoff, then goes', () => {
    const limited = after(new RateLimitedError(20_000));
    expect(serverAskedToWait(limited, NOW2 + 19_999)).toBe(true);
    expect(serverAskedToWait(limited, NOW2 + 20_000)).toBe(false);
    const busy = after(new ServerError(503, 1_000));
    expect(serverAskedToWait(busy, NOW2 + 999)).toBe(true);
    expect(serverAskedToWait(busy, busy.nextRetryAt!)).toBe(false);
  });

  it('does not wait after a network failure, a success, or with no status yet', () => {
    expect(serverAskedToWait(after(new NetworkError()), NOW2)).toBe(false);
    expect(serverAskedToWait(succeededStatus(NOW2), NOW2)).toBe(false);
    expect(serverAskedToWait(undefined, NOW2)).toBe(false);
  });
});
