import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NetworkError } from '../core/errors';
import type { SyncOutcome } from '../sync/engine';
import { POLL_INTERVAL_MS, createPageSync, type PageSyncDeps } from './pageSync';

function harness(outcomes: SyncOutcome[], overrides: Partial<PageSyncDeps> = {}) {
  const calls: number[] = [];
  let online: () => void = () => {};
  let status: (s: { nextRetryAt: number | null }) => void = () => {};
  const deps: PageSyncDeps = {
    sync: vi.fn(async () => {
      calls.push(Date.now());
      return outcomes.shift() ?? ({ ok: true } as SyncOutcome);
    }),
    requestBackgroundSync: vi.fn(async () => true),
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    onOnline: (fn) => ((online = fn), () => (online = () => {})),
    onStatus: (fn) => ((status = fn), () => (status = () => {})),
    isVisible: () => true,
    ...overrides,
  };
  return { pageSync: createPageSync(deps), deps, calls, goOnline: () => online(), broadcast: (s: { nextRetryAt: number | null }) => status(s) };
}

const failed = (retryInMs: number): SyncOutcome => ({ ok: false, error: new NetworkError(), retryAt: Date.now() + retryInMs });

describe('page sync schedule', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('syncs at start, retries at the backoff time, then polls every 30 s', async () => {
    const { pageSync, calls } = harness([failed(2_000)]);
    pageSync.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([0]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toEqual([0, 2_000]);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(calls).toEqual([0, 2_000, 32_000]);
  });

  it('never waits more than 30 s, whatever the backoff says', async () => {
    const { pageSync, calls } = harness([failed(5 * 60_000)]);
    pageSync.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toEqual([0, 30_000]);
  });

  it('follows the backoff of a drain that failed elsewhere (the service worker)', async () => {
    const { pageSync, calls, broadcast } = harness([]);
    pageSync.start();
    await vi.advanceTimersByTimeAsync(1_000);
    broadcast({ nextRetryAt: 4_000 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toEqual([0, 4_000]);
  });

  it('syncs at once when the browser comes back online', async () => {
    const { pageSync, calls, goOnline } = harness([failed(20_000)]);
    pageSync.start();
    await vi.advanceTimersByTimeAsync(500);
    goOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([0, 500]);
  });

  it('drains a local write at once and asks for a background sync in case the page closes', async () => {
    const { pageSync, calls, deps } = harness([]);
    pageSync.requestSync();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([0]);
    expect(deps.requestBackgroundSync).toHaveBeenCalledTimes(1);
  });

  it('runs one sync at a time and one more for requests made meanwhile', async () => {
    let release: (o: SyncOutcome) => void = () => {};
    const { pageSync, deps } = harness([], {
      sync: vi.fn(() => new Promise<SyncOutcome>((resolve) => (release = resolve))),
    });
    const first = pageSync.syncNow();
    void pageSync.syncNow();
    void pageSync.syncNow();
    expect(deps.sync).toHaveBeenCalledTimes(1);
    release({ ok: true });
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(deps.sync).toHaveBeenCalledTimes(2);
  });

  // The drain bench pressed "Sync now" just after the network came back, while a drain started
  // offline was still failing, and was told that drain's failure.
  it('"Sync now" during a failing sync answers with the sync that starts after it', async () => {
    const releases: ((o: SyncOutcome) => void)[] = [];
    const { pageSync } = harness([], { sync: vi.fn(() => new Promise<SyncOutcome>((resolve) => releases.push(resolve))) });
    const stale = pageSync.syncNow();
    const asked = pageSync.syncNow();
    releases[0]!(failed(1_000));
    expect((await stale).ok).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    releases[1]!({ ok: true });
    expect(await asked).toEqual({ ok: true });
  });

  it('stops its timer and listeners when stopped', async () => {
    const { pageSync, calls } = harness([failed(1_000)]);
    const stop = pageSync.start();
    await vi.advanceTimersByTimeAsync(0);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([0]);
  });

  it('a poke while a sync drains is left to that sync; one after its pull began gets one more sync', async () => {
    const steps: string[] = [];
    let release: (() => void)[] = [];
    const gate = () => new Promise<void>((resolve) => release.push(resolve));
    const { pageSync } = harness([], {
      sync: async ({ onPull }) => {
        steps.push('drain');
        await gate();
        onPull();
        steps.push('pull');
        await gate();
        return { ok: true };
      },
    });
    const open = () => {
      const next = release;
      release = [];
      next.forEach((resolve) => resolve());
    };
    const first = pageSync.syncNow();
    const duringDrain = pageSync.pullSoon();
    expect(duringDrain).toBe(first);
    await vi.advanceTimersByTimeAsync(0);
    open();
    await vi.advanceTimersByTimeAsync(0);
    expect(steps).toEqual(['drain', 'pull']);
    const duringPull = pageSync.pullSoon();
    expect(duringPull).not.toBe(first);
    open();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(steps).toEqual(['drain', 'pull', 'drain']);
    open();
    await vi.advanceTimersByTimeAsync(0);
    open();
    expect(await duringPull).toEqual({ ok: true });
    expect(pageSync.pullSoon()).not.toBe(duringPull);
  });
});
