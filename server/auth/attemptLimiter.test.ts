import { describe, expect, it } from 'vitest';
import { AttemptLimiter, IN_FLIGHT_WAIT_MS, type AttemptPolicy } from './attemptLimiter';

const MINUTE = 60_000;
const POLICY: AttemptPolicy = { limit: 3, windowMs: 15 * MINUTE, lockoutMs: 5 * MINUTE, maxLockoutMs: 30 * MINUTE, maxKeys: 100 };

function limiterAt(policy: Partial<AttemptPolicy> = {}) {
  const clock = { ms: 0 };
  const limiter = new AttemptLimiter({ ...POLICY, ...policy }, () => clock.ms);
  /** One attempt that counts (a wrong password), begun only if the key may try. */
  const fail = (key: string) => {
    expect(limiter.waitMs(key)).toBe(0);
    limiter.begin(key);
    limiter.count(key);
  };
  return { clock, limiter, fail };
}

describe('AttemptLimiter', () => {
  it('locks a key out at the limit, for the lockout, and lets it try again after', () => {
    const { clock, limiter, fail } = limiterAt();
    fail('ada');
    fail('ada');
    clock.ms = 2 * MINUTE;
    expect(limiter.waitMs('ada')).toBe(0);
    fail('ada');
    expect(limiter.waitMs('ada')).toBe(5 * MINUTE);
    expect(limiter.waitMs('bob')).toBe(0);
    clock.ms += 5 * MINUTE - 1;
    expect(limiter.waitMs('ada')).toBe(1);
    clock.ms += 1;
    expect(limiter.waitMs('ada')).toBe(0);
  });

  it('doubles the lockout for each counted attempt past the limit, up to the cap', () => {
    const { clock, limiter, fail } = limiterAt();
    for (let i = 0; i < 3; i++) fail('ada');
    const lockouts = [];
    for (let i = 0; i < 4; i++) {
      const wait = limiter.waitMs('ada');
      lockouts.push(wait / MINUTE);
      clock.ms += wait;
      fail('ada');
    }
    lockouts.push(limiter.waitMs('ada') / MINUTE);
    expect(lockouts).toEqual([5, 10, 20, 30, 30]);
  });

  it('forgets a key that stayed quiet for a window after its last lockout', () => {
    const { clock, limiter, fail } = limiterAt();
    for (let i = 0; i < 3; i++) fail('ada');
    clock.ms += 5 * MINUTE + 15 * MINUTE - 1;
    limiter.begin('ada');
    limiter.count('ada');
    expect(limiter.waitMs('ada')).toBe(10 * MINUTE); // still remembered: the lockout doubled

    clock.ms += 10 * MINUTE + 15 * MINUTE;
    fail('ada');
    fail('ada');
    expect(limiter.waitMs('ada')).toBe(0); // two fresh failures, under the limit of three
  });

  it('counts attempts in flight against the limit, so a parallel burst cannot get past it', () => {
    const { limiter } = limiterAt();
    const admitted = Array.from({ length: 10 }, () => {
      if (limiter.waitMs('ada') > 0) return false;
      limiter.begin('ada');
      return true;
    }).filter(Boolean).length;
    expect(admitted).toBe(3);
    expect(limiter.waitMs('ada')).toBe(IN_FLIGHT_WAIT_MS);
    for (let i = 0; i < 3; i++) limiter.count('ada');
    expect(limiter.waitMs('ada')).toBe(5 * MINUTE);
  });

  it('after a lockout, lets one attempt at a time probe', () => {
    const { clock, limiter, fail } = limiterAt();
    for (let i = 0; i < 3; i++) fail('ada');
    clock.ms += 5 * MINUTE;
    limiter.begin('ada');
    expect(limiter.waitMs('ada')).toBe(IN_FLIGHT_WAIT_MS);
    limiter.release('ada');
    expect(limiter.waitMs('ada')).toBe(0);
  });

  it('does not count a released attempt, and a cleared key starts afresh', () => {
    const { limiter, fail } = limiterAt();
    fail('ada');
    fail('ada');
    limiter.begin('ada');
    limiter.release('ada');
    expect(limiter.waitMs('ada')).toBe(0);
    limiter.begin('ada');
    limiter.clear('ada');
    fail('ada');
    fail('ada');
    expect(limiter.waitMs('ada')).toBe(0);
    fail('ada');
    expect(limiter.waitMs('ada')).toBeGreaterThan(0);
  });

  it('clearing a locked key lifts its lockout', () => {
    const { limiter, fail } = limiterAt({ limit: 1 });
    limiter.begin('ada'); // the right password, still being checked
    limiter.count('ada'); // ...while a wrong one locked the key
    expect(limiter.waitMs('ada')).toBe(5 * MINUTE);
    limiter.clear('ada');
    expect(limiter.waitMs('ada')).toBe(0);
    fail('ada');
  });

  it('remembers at most maxKeys keys, forgetting the least recently seen', () => {
    const { limiter, fail } = limiterAt({ limit: 1, maxKeys: 50 });
    fail('victim');
    for (let i = 0; i < 49; i++) fail(`spray-${i}@example.com`);
    expect(limiter.size).toBe(50);
    expect(limiter.waitMs('victim')).toBeGreaterThan(0);
    for (let i = 49; i < 10_000; i++) fail(`spray-${i}@example.com`);
    expect(limiter.size).toBe(50);
    expect(limiter.waitMs('victim')).toBe(0);
    expect(limiter.waitMs('spray-9999@example.com')).toBeGreaterThan(0);
  });
});
