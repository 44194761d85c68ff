export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (1 = first retry): exponential with full jitter
 * (uniform in [0, min(cap, base·2^(attempt-1))) ), or the server's Retry-After when larger,
 * capped at 5 minutes so a bad header cannot park sync for hours.
 */
export function backoffDelay(attempt: number, random: () => number, retryAfterMs?: number | null): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const jittered = Math.floor(random() * exp);
  if (retryAfterMs == null || !(retryAfterMs > jittered)) return jittered;
  return Math.min(retryAfterMs, RETRY_AFTER_CAP_MS);
}
