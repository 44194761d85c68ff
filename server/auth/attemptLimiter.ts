/** How many attempts one key (an account, a client address) may make, and how long it then waits. */
export interface AttemptPolicy {
  /** Counted attempts allowed before the key is locked out. */
  limit: number;
  /** A key's count is forgotten once it has been quiet this long (after its last lockout ends). */
  windowMs: number;
  /** The lockout at the limit; each counted attempt past the limit doubles it, up to `maxLockoutMs`. */
  lockoutMs: number;
  maxLockoutMs: number;
  /** Keys remembered at most: past it, the key seen least recently is forgotten. */
  maxKeys: number;
}

interface Entry {
  counted: number;
  /** Begun and not yet settled: they may still count, so they take up room under the limit. */
  inFlight: number;
  lastAt: number;
  lockedUntil: number;
}

/** How long a key waits when its room under the limit is taken by attempts still in flight. */
export const IN_FLIGHT_WAIT_MS = 1000;

/**
 * Counts attempts per key, in memory, on an injected clock (ms). An attempt is begun (after
 * `waitMs` said 0) and then settled as counted (a failure), released (it does not count) or
 * cleared (it resets the key). Attempts in flight take up room, so a burst sent in parallel
 * cannot get past the limit while its first attempts are still being checked. After a lockout
 * ends, one attempt at a time may probe; a counted one locks the key again for twice as long.
 */
export class AttemptLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: AttemptPolicy,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until `key` may begin an attempt; 0 when it may now. */
  waitMs(key: string): number {
    const entry = this.current(key);
    if (!entry) return 0;
    const locked = entry.lockedUntil - this.now();
    if (locked > 0) return locked;
    const room = Math.max(1, this.policy.limit - entry.counted);
    return entry.inFlight < room ? 0 : IN_FLIGHT_WAIT_MS;
  }

  begin(key: string): void {
    const entry = this.current(key) ?? { counted: 0, inFlight: 0, lastAt: this.now(), lockedUntil: 0 };
    entry.inFlight += 1;
    this.touch(key, entry);
  }

  /** Settles an attempt that counts against the key; reaching the limit locks it out. */
  count(key: string): void {
    const now = this.now();
    const entry = this.current(key) ?? { counted: 0, inFlight: 1, lastAt: now, lockedUntil: 0 };
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    entry.counted += 1;
    entry.lastAt = now;
    const past = entry.counted - this.policy.limit;
    if (past >= 0) entry.lockedUntil = now + Math.min(this.policy.maxLockoutMs, this.policy.lockoutMs * 2 ** past);
    this.touch(key, entry);
  }

  /** Settles an attempt that does not count. */
  release(key: string): void {
    const entry = this.current(key);
    if (entry) entry.inFlight = Math.max(0, entry.inFlight - 1);
  }

  /** Settles an attempt and forgets what the key had counted (a right password for the account). */
  clear(key: string): void {
    const entry = this.current(key);
    if (!entry) return;
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    if (entry.inFlight === 0) this.entries.delete(key);
    else Object.assign(entry, { counted: 0, lockedUntil: 0 });
  }

  /** How many keys are remembered (for tests of the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  /** The key's entry, or undefined once it has been quiet for a window after its last lockout. */
  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const quietSince = Math.max(entry.lastAt, entry.lockedUntil);
    if (entry.inFlight === 0 && this.now() - quietSince >= this.policy.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Remembers `entry` as the most recently seen, forgetting the least recently seen past `maxKeys`. */
  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.policy.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
