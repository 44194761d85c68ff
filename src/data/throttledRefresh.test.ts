import { describe, expect, it } from 'vitest';
import { createThrottledRefresh, touchesTables } from './throttledRefresh';

function harness(intervalMs = 250, leadMs = 0) {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const runs: number[] = [];
  const answers: number[] = [];
  let finish: (() => void) | null = null;
  const refresh = createThrottledRefresh({
    run: () =>
      new Promise<number>((resolve) => {
        runs.push(now);
        finish = () => resolve(runs.length);
      }),
    onResult: (v) => answers.push(v),
    onError: () => {},
    intervalMs,
    leadMs,
    now: () => now,
    setTimer: (fn, ms) => {
      timers.set(nextId, { at: now + ms, fn });
      return nextId++;
    },
    clearTimer: (h) => void timers.delete(h as number),
  });
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      timers.delete(id);
      t.fn();
    }
    await Promise.resolve();
  };
  const complete = async () => {
    const f = finish;
    finish = null;
    f?.();
    // Let the run's continuation (onResult, finally) go.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { refresh, runs, answers, advance, complete, pendingTimers: () => timers.size };
}

describe('createThrottledRefresh', () => {
  it('runs at once the first time, then at most once per interval however many triggers come', async () => {
    const h = harness(250);
    h.refresh.trigger();
    await h.advance(0);
    expect(h.runs).toEqual([0]);
    await h.complete();
    for (let i = 0; i < 30; i++) {
      h.refresh.trigger();
      await h.advance(10);
    }
    // One run when 250 ms had passed since the last start, however many triggers came.
    expect(h.runs).toEqual([0, 250]);
    await h.complete();
    expect(h.answers).toEqual([1, 2]);
  });

  it('runs again after a run that a trigger overtook, and never two at once', async () => {
    const h = harness(100);
    h.refresh.trigger();
    await h.advance(0);
    h.refresh.trigger(); // during the run: its answer may already be stale
    await h.advance(500);
    expect(h.runs).toEqual([0]);
    await h.complete();
    await h.advance(0);
    expect(h.runs).toEqual([0, 500]);
  });

  it('waits leadMs after a trigger even when a run is due, and no longer when one is not', async () => {
    const h = harness(250, 40);
    h.refresh.trigger();
    await h.advance(39);
    expect(h.runs).toEqual([]);
    await h.advance(1);
    expect(h.runs).toEqual([40]);
    await h.complete();
    await h.advance(100);
    h.refresh.trigger();
    await h.advance(149);
    expect(h.runs).toEqual([40]);
    await h.advance(1);
    // The interval, not the lead, decided this one: 250 ms after the last start.
    expect(h.runs).toEqual([40, 290]);
  });

  it('delivers nothing and schedules nothing after dispose', async () => {
    const h = harness(100);
    h.refresh.trigger();
    await h.advance(0);
    h.refresh.dispose();
    await h.complete();
    h.refresh.trigger();
    await h.advance(1000);
    expect(h.answers).toEqual([]);
    expect(h.runs).toEqual([0]);
    expect(h.pendingTimers()).toBe(0);
  });
});

describe('touchesTables', () => {
  it('matches the tables of this database only, and "all"', () => {
    expect(touchesTables({ 'idb://outpost/outbox/': {} }, 'outpost', ['outbox'])).toBe(true);
    expect(touchesTables({ 'idb://outpost/outbox/state': {} }, 'outpost', ['visitors'])).toBe(false);
    expect(touchesTables({ 'idb://other/outbox/': {} }, 'outpost', ['outbox'])).toBe(false);
    expect(touchesTables({ all: {} }, 'outpost', ['visitors'])).toBe(true);
  });
});
