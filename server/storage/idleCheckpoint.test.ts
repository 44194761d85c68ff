import { describe, expect, it } from 'vitest';
import { createIdleCheckpoint, type Timers } from './idleCheckpoint';

function fakeTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    set(fn, ms) {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, pendingCount: () => pending.size };
}

describe('idle checkpoint', () => {
  it('checkpoints once writes have paused for the idle time, not during a burst', () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const cp = createIdleCheckpoint(() => runs++, 1000, timers);
    for (let i = 0; i < 10; i++) {
      cp.wrote();
      advance(300);
    }
    expect(runs).toBe(0);
    advance(700);
    expect(runs).toBe(1);
    advance(5000);
    expect(runs).toBe(1);
    cp.wrote();
    advance(1000);
    expect(runs).toBe(2);
  });

  it('runs nothing after stop', () => {
    const { timers, advance, pendingCount } = fakeTimers();
    let runs = 0;
    const cp = createIdleCheckpoint(() => runs++, 1000, timers);
    cp.wrote();
    cp.stop();
    cp.wrote();
    advance(2000);
    expect(runs).toBe(0);
    expect(pendingCount()).toBe(0);
  });
});
