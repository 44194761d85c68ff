/**
 * Whether a failed write failed because the device is out of storage: IndexedDB's own
 * `QuotaExceededError`, or Dexie's wrapping of it (a `QuotaExceededError`, or the transaction's
 * `AbortError` with the quota error as its `inner`).
 */
export function isOutOfStorage(error: unknown): boolean {
  const inner = (error as { inner?: { name?: string } } | null)?.inner;
  return error instanceof Error && (error.name === 'QuotaExceededError' || inner?.name === 'QuotaExceededError');
}
