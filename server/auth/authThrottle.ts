import type { FastifyReply } from 'fastify';
import { HttpError } from '../http/httpError';
import { AttemptLimiter, type AttemptPolicy } from './attemptLimiter';
import { addressKey } from './addressKey';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What signing in and signing up may cost, per account and per client address. */
export interface AuthThrottlePolicies {
  /** Wrong passwords for one account (its normalised email), from anywhere. */
  loginByAccount: AttemptPolicy;
  /** Wrong passwords from one client address, for any accounts. */
  loginByAddress: AttemptPolicy;
  /** Sign-ups (accepted or not, once their password is hashed) from one client address. */
  signupByAddress: AttemptPolicy;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottlePolicies = {
  loginByAccount: { limit: 5, windowMs: 15 * MINUTE, lockoutMs: 5 * MINUTE, maxLockoutMs: HOUR, maxKeys: 10_000 },
  loginByAddress: { limit: 20, windowMs: MINUTE, lockoutMs: MINUTE, maxLockoutMs: 15 * MINUTE, maxKeys: 10_000 },
  signupByAddress: { limit: 10, windowMs: HOUR, lockoutMs: HOUR, maxLockoutMs: HOUR, maxKeys: 10_000 },
};

/** A begun attempt; the first call settles it, later ones do nothing. */
export interface Attempt {
  succeeded(): void;
  failed(): void;
  /** Settles it as not counting (the request broke for another reason); a no-op once settled. */
  abandon(): void;
}

export type AttemptStart = { ok: true; attempt: Attempt } | { ok: false; waitMs: number };

/**
 * Login and sign-up throttling, per process, in memory (each server instance throttles on its
 * own). Refusing costs a map lookup, so a throttled request never reaches password hashing.
 */
export class AuthThrottle {
  private readonly byAccount: AttemptLimiter;
  private readonly loginByAddress: AttemptLimiter;
  private readonly signupByAddress: AttemptLimiter;

  constructor(policies: AuthThrottlePolicies, now: () => number) {
    this.byAccount = new AttemptLimiter(policies.loginByAccount, now);
    this.loginByAddress = new AttemptLimiter(policies.loginByAddress, now);
    this.signupByAddress = new AttemptLimiter(policies.signupByAddress, now);
  }

  /** A login for `email` from `ip`: a right password clears the account's count, a wrong one counts against both. */
  beginLogin(email: string, ip: string): AttemptStart {
    const address = addressKey(ip);
    const waitMs = Math.max(this.byAccount.waitMs(email), this.loginByAddress.waitMs(address));
    if (waitMs > 0) return { ok: false, waitMs };
    this.byAccount.begin(email);
    this.loginByAddress.begin(address);
    return {
      ok: true,
      attempt: settleOnce({
        succeeded: () => {
          this.byAccount.clear(email);
          this.loginByAddress.release(address);
        },
        failed: () => {
          this.byAccount.count(email);
          this.loginByAddress.count(address);
        },
        abandon: () => {
          this.byAccount.release(email);
          this.loginByAddress.release(address);
        },
      }),
    };
  }

  /** A sign-up from `ip`: it counts however it ends, unless abandoned before its password was hashed. */
  beginSignup(ip: string): AttemptStart {
    const address = addressKey(ip);
    const waitMs = this.signupByAddress.waitMs(address);
    if (waitMs > 0) return { ok: false, waitMs };
    this.signupByAddress.begin(address);
    const count = () => this.signupByAddress.count(address);
    return { ok: true, attempt: settleOnce({ succeeded: count, failed: count, abandon: () => this.signupByAddress.release(address) }) };
  }
}

function settleOnce(settle: Attempt): Attempt {
  let settled = false;
  const once = (fn: () => void) => () => {
    if (settled) return;
    settled = true;
    fn();
  };
  return { succeeded: once(settle.succeeded), failed: once(settle.failed), abandon: once(settle.abandon) };
}

/** The 429 for a throttled request, with `Retry-After` in whole seconds (at least 1). */
export function tooManyAttempts(reply: FastifyReply, waitMs: number): HttpError {
  reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
  return new HttpError('too_many_attempts');
}
