import { describe, expect, it } from 'vitest';
import { EMPTY_SYNC_STATS, ERRORS_KEPT, LATENCY_WINDOW, diagnosticsReport, foldTally, newTally, percentile, pushLatency } from './syncStats';

describe('sync stats', () => {
  it('folds a sync: latest times, totals, conflicts, latencies in order', () => {
    const tally = newTally();
    tally.pushes.push({ at: 1_000, ms: 40, ops: 500, conflicts: 1 }, { at: 1_200, ms: 60, ops: 20, conflicts: 0 });
    tally.pulls.push({ at: 1_300, changes: 7 });
    tally.bytes = { sent: 9_000, received: 1_500 };
    const once = foldTally(undefined, tally);
    expect(once).toEqual({
      ...EMPTY_SYNC_STATS,
      lastPushAt: 1_200,
      lastPullAt: 1_300,
      pushLatenciesMs: [40, 60],
      opsSent: 520,
      opsReceived: 7,
      bytesSent: 9_000,
      bytesReceived: 1_500,
      conflicts: 1,
    });
    const pullOnly = newTally();
    pullOnly.pulls.push({ at: 2_000, changes: 0 });
    expect(foldTally(once, pullOnly)).toMatchObject({ lastPushAt: 1_200, lastPullAt: 2_000, opsSent: 520, pushLatenciesMs: [40, 60] });
  });

  it(`keeps the last ${LATENCY_WINDOW} latencies and the last ${ERRORS_KEPT} errors, newest error first`, () => {
    let stats = EMPTY_SYNC_STATS;
    for (let i = 0; i < 130; i++) {
      const tally = newTally();
      tally.pushes.push({ at: i, ms: i, ops: 1, conflicts: 0 });
      tally.error = { at: i, code: 'server', message: 'The server had a problem.', detail: `failure ${i}` };
      stats = foldTally(stats, tally);
    }
    expect(stats.pushLatenciesMs).toHaveLength(LATENCY_WINDOW);
    expect(stats.pushLatenciesMs[0]).toBe(30);
    expect(stats.pushLatenciesMs.at(-1)).toBe(129);
    expect(stats.errors.map((e) => e.at)).toEqual([129, 128, 127, 126, 125]);
    expect(stats.opsSent).toBe(130);
  });

  it('nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile([30, 10, 20], 50)).toBe(20);
    expect(pushLatency({ ...EMPTY_SYNC_STATS, pushLatenciesMs: [5, 1, 9, 3] })).toEqual({ count: 4, p50: 3, p95: 9 });
  });

  it('the diagnostics report names versions, times as ISO and the errors', () => {
    const stats = { ...EMPTY_SYNC_STATS, lastPushAt: Date.UTC(2026, 0, 2), pushLatenciesMs: [10, 20], errors: [{ at: Date.UTC(2026, 0, 1), code: 'server', message: 'The server had a problem.', detail: 'Server error (500)' }] };
    const report = JSON.parse(diagnosticsReport(stats, { appVersion: '1.2.3', protocolVersion: 2, signedInAs: 'ada@example.com', now: Date.UTC(2026, 0, 3) }));
    expect(report).toMatchObject({
      appVersion: '1.2.3',
      protocolVersion: 2,
      signedInAs: 'ada@example.com',
      createdAt: '2026-01-03T00:00:00.000Z',
      lastPushAt: '2026-01-02T00:00:00.000Z',
      lastPullAt: null,
      pushLatencyMs: { pushes: 2, p50: 10, p95: 20 },
      errors: [{ at: '2026-01-01T00:00:00.000Z', code: 'server', detail: 'Server error (500)' }],
    });
  });
});
