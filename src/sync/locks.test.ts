import { describe, expect, it } from 'vitest';
import { inMemoryLock, webLocks } from './locks';

describe('locks', () => {
  it('inMemoryLock runs holders of one name one at a time, in order, even after a failure', async () => {
    const lock = inMemoryLock();
    const log: string[] = [];
    const holder = (name: string, fail = false) => async () => {
      log.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name} out`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = lock('l', holder('a', true));
    const b = lock('l', holder('b'));
    await expect(a).rejects.toThrow('a');
    await expect(b).resolves.toBe('b');
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out']);
  });

  it('different names do not wait for each other', async () => {
    const lock = inMemoryLock();
    let release!: () => void;
    const held = lock('one', () => new Promise<void>((r) => (release = r)));
    await expect(lock('two', async () => 'free')).resolves.toBe('free');
    release();
    await held;
  });

  it('webLocks asks for an exclusive lock by name', async () => {
    const calls: unknown[] = [];
    const fake = {
      request: (name: string, options: LockOptions, cb: () => Promise<unknown>) => {
        calls.push([name, options]);
        return cb();
      },
    } as unknown as LockManager;
    await expect(webLocks(fake)('outpost-sync', async () => 42)).resolves.toBe(42);
    expect(calls).toEqual([['outpost-sync', { mode: 'exclusive' }]]);
  });
});
