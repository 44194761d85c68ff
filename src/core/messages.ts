/** What the person reads for each error code. The one place UI words for sync errors live. */
export const MESSAGES: Record<string, string> = {
  network: "Can't reach the server. Changes are saved on this device and will sync when the connection returns.",
  auth: 'Your session has expired. Sign in again to resume syncing — your changes are kept on this device.',
  forbidden:
    "You don't have access to this workspace any more. Sign in again to resume syncing — your changes are kept on this device.",
  'rate_limited': 'The server is busy. Your changes are saved on this device and will sync shortly.',
  server: 'The server had a problem. Your changes are saved on this device and will sync automatically.',
  'request_rejected': 'The server refused the sync request. Your changes are kept on this device; try again later.',
  protocol: 'The server sent an answer this version of the app does not understand. Your changes are kept on this device.',
  unexpected: 'Syncing stopped because of an unexpected problem. Your changes are kept on this device.',
  // Per-operation rejections (OpResult.error.code); the server's own message is shown beside these.
  invalid: 'The server did not accept this change. Fix the highlighted field or discard the change.',
  'too_large': 'This change is too large to sync. Shorten it or discard the change.',
  rejected: 'The server did not accept this change. Edit the record to try again, or discard the change.',
  blocked_by_earlier_rejection:
    'An earlier change to this visitor was not accepted, so this one waits. Fix or discard the earlier change.',
  not_found: 'This visitor no longer exists on the server. Discard the change.',
  id_taken: 'The server already has another record with this id. Discard the change.',
};

export function messageFor(code: string): string {
  return MESSAGES[code] ?? MESSAGES.rejected!;
}
