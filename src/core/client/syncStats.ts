/** How many push round trips the latency percentiles cover. */
export const LATENCY_WINDOW = 100;
/** How many failed syncs the details keep. */
export const ERRORS_KEPT = 5;

export interface SyncErrorEntry {
  /** Epoch ms. */
  at: number;
  code: string;
  /** In plain words, for the person (messages.ts). */
  message: string;
  /** The error's own text, for support. */
  detail: string;
}

/** What this device measured of its syncs: meta `syncStats`, written at the end of each sync. */
export interface SyncStats {
  /** Epoch ms the last push was answered; null before the first. */
  lastPushAt: number | null;
  /** Epoch ms the last pull page was answered. */
  lastPullAt: number | null;
  /** The last `LATENCY_WINDOW` push round trips in ms, oldest first. */
  pushLatenciesMs: number[];
  /** Ops sent in pushes (an op sent again counts again). */
  opsSent: number;
  /** Changes received in pulls. */
  opsReceived: number;
  /** Bytes of push and pull bodies sent and received. */
  bytesSent: number;
  bytesReceived: number;
  /** Ops the server answered with a conflict. */
  conflicts: number;
  /** The last `ERRORS_KEPT` failed syncs, newest first. */
  errors: SyncErrorEntry[];
}

export const EMPTY_SYNC_STATS: SyncStats = {
  lastPushAt: null,
  lastPullAt: null,
  pushLatenciesMs: [],
  opsSent: 0,
  opsReceived: 0,
  bytesSent: 0,
  bytesReceived: 0,
  conflicts: 0,
  errors: [],
};

/** What one sync measured, in memory, folded into the stored stats once at its end. */
export interface SyncTally {
  pushes: { at: number; ms: number; ops: number; conflicts: number }[];
  pulls: { at: number; changes: number }[];
  bytes: { sent: number; received: number };
  error: SyncErrorEntry | null;
}

export function newTally(): SyncTally {
  return { pushes: [], pulls: [], bytes: { sent: 0, received: 0 }, error: null };
}

export function foldTally(stored: SyncStats | undefined, tally: SyncTally): SyncStats {
  const stats = stored ?? EMPTY_SYNC_STATS;
  const sum = <T>(list: readonly T[], of: (item: T) => number) => list.reduce((n, item) => n + of(item), 0);
  const latest = (list: readonly { at: number }[], before: number | null) => list.reduce<number | null>((t, item) => Math.max(t ?? item.at, item.at), before);
  return {
    lastPushAt: latest(tally.pushes, stats.lastPushAt),
    lastPullAt: latest(tally.pulls, stats.lastPullAt),
    pushLatenciesMs: [...stats.pushLatenciesMs, ...tally.pushes.map((p) => p.ms)].slice(-LATENCY_WINDOW),
    opsSent: stats.opsSent + sum(tally.pushes, (p) => p.ops),
    opsReceived: stats.opsReceived + sum(tally.pulls, (p) => p.changes),
    bytesSent: stats.bytesSent + tally.bytes.sent,
    bytesReceived: stats.bytesReceived + tally.bytes.received,
    conflicts: stats.conflicts + sum(tally.pushes, (p) => p.conflicts),
    errors: tally.error ? [tally.error, ...stats.errors].slice(0, ERRORS_KEPT) : stats.errors,
  };
}

/** The nearest-rank percentile (`p` in 0–100) of `values`; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
}

export function pushLatency(stats: SyncStats): LatencySummary {
  const values = stats.pushLatenciesMs;
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) };
}

/** Everything else the support report names. No cookie or session token ever goes in it. */
export interface DiagnosticsContext {
  appVersion: string;
  protocolVersion: number;
  /** The signed-in person's email, if any. */
  signedInAs: string | null;
  /** Epoch ms the report was made. */
  now: number;
}

/** The plain-text JSON report "Copy diagnostics" puts on the clipboard. */
export function diagnosticsReport(stats: SyncStats, context: DiagnosticsContext): string {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const latency = pushLatency(stats);
  return JSON.stringify(
    {
      report: 'Outpost sync diagnostics',
      createdAt: iso(context.now),
      appVersion: context.appVersion,
      protocolVersion: context.protocolVersion,
      signedInAs: context.signedInAs,
      lastPushAt: iso(stats.lastPushAt),
      lastPullAt: iso(stats.lastPullAt),
      pushLatencyMs: { pushes: latency.count, p50: latency.p50, p95: latency.p95 },
      opsSent: stats.opsSent,
      opsReceived: stats.opsReceived,
      bytesSent: stats.bytesSent,
      bytesReceived: stats.bytesReceived,
      conflicts: stats.conflicts,
      errors: stats.errors.map((e) => ({ at: iso(e.at), code: e.code, message: e.message, detail: e.detail })),
    },
    null,
    2,
  );
}
