import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, RETRY_AFTER_CAP_MS, backoffDelay } from './backoff';

const max = () => 0.999999;

describe('backoffDelay', () => {
  it('grows exponentially from 1 s under full jitter', () => {
    expect(backoffDelay(1, max)).toBe(999);
    expect(backoffDelay(2, max)).toBe(1999);
    expect(backoffDelay(3, max)).toBe(3999);
    expect(backoffDelay(5, () => 0.5)).toBe(8000);
  });

  it('is anywhere from 0 (full jitter)', () => {
    expect(backoffDelay(4, () => 0)).toBe(0);
  });

  it('caps at 30 s, even for huge attempt numbers', () => {
    expect(backoffDelay(6, max)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelay(1000, max)).toBe(Math.floor(0.999999 * BACKOFF_CAP_MS));
  });

  it('honours a larger Retry-After, up to 5 minutes', () => {
    expect(backoffDelay(1, max, 10_000)).toBe(10_000);
    expect(backoffDelay(1, max, 60 * 60_000)).toBe(RETRY_AFTER_CAP_MS);
  });

  it('ignores a smaller Retry-After', () => {
    expect(backoffDelay(5, () => 0.5, 100)).toBe(8000);
    expect(backoffDelay(5, () => 0.5, null)).toBe(8000);
  });
});
