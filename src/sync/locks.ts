/** Runs `fn` holding the exclusive lock `name`; waits for the lock first. */
export type LockFn = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** One drainer per browser profile, across tabs and the service worker (invariant 5 of docs/ARCHITECTURE.md). */
export const SYNC_LOCK_NAME = 'outpost-sync';

/** The Web Locks API (`navigator.locks` in pages, `self.navigator.locks` in the service worker). */
export function webLocks(locks: LockManager): LockFn {
  return <T>(name: string, fn: () => Promise<T>) =>
    locks.request(name, { mode: 'exclusive' }, () => fn()) as Promise<T>;
}

/** The same contract inside one JS context; for tests and where Web Locks are missing. */
export function inMemoryLock(): LockFn {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, fn: () => Promise<T>) => {
    const prev = tails.get(name) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}
