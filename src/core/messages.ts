/**
 * Every word the app shows a person about an error, by code: sync failures, rejected changes,
 * the device's storage, signing in. The one place these words live; the UI only picks them.
 */
export const MESSAGES = {
  network: "Can't reach the server. Changes are saved on this device and will sync when the connection returns.",
  auth: 'Your session has expired. Sign in again to resume syncing — your changes are kept on this device.',
  forbidden:
    "You don't have access to this workspace any more. Sign in again to resume syncing — your changes are kept on this device.",
  rate_limited: 'The server is busy. Your changes are saved on this device and will sync shortly.',
  server: 'The server had a problem. Your changes are saved on this device and will sync automatically.',
  request_rejected: 'The server refused the sync request. Your changes are kept on this device; try again later.',
  update_required: 'Update needed — your changes are kept on this device and will sync once Outpost is updated.',
  protocol: 'The server sent an answer this version of the app does not understand. Your changes are kept on this device.',
  unexpected: 'Syncing stopped because of an unexpected problem. Your changes are kept on this device.',
  // Per-operation rejections (OpResult.error.code); the server's own message is shown beside these.
  invalid: 'The server did not accept this change. Fix the highlighted field or discard the change.',
  too_large: 'This change is too large to sync. Shorten it or discard the change.',
  rejected: 'The server did not accept this change. Edit the record to try again, or discard the change.',
  blocked_by_earlier_rejection:
    'An earlier change to this visitor was not accepted, so this one waits. Fix or discard the earlier change.',
  not_found: 'This visitor no longer exists on the server. Discard the change.',
  id_taken: 'The server already has another record with this id. Discard the change.',
  op_id_reused:
    'The server already took a different change under this change’s id, so this one was not applied. Edit the visitor to send it again, or discard the change.',
  photo_rejected: 'The server did not accept this photo. Remove it and take it again.',
  // This device and the API outside sync.
  out_of_storage:
    'This device is out of storage space, so the change was not saved. Free some space on the device and try again.',
  offline: "Can't reach the server. Check the connection and try again.",
  sign_in_offline: "Can't reach the server. Signing in needs a connection — try again when you're online.",
  server_error: 'The server had a problem. Try again in a moment.',
  something_went_wrong: 'Something went wrong. Try again.',
  save_failed: 'Could not save on this device. Try again.',
  // Capture: the camera, the badge decoder, the card photo and the card reader.
  decoder_unavailable: 'The code reader could not be loaded. Open Outpost once with a connection, then try again.',
  no_code: 'No code was found in that photo. Try again with the whole code in view and in focus.',
  not_an_image: 'That file could not be opened as an image.',
  photo_unreadable: 'This file could not be read as a photo. Take the photo again, or choose a JPEG or PNG image.',
  reader_unavailable:
    'Reading the card needs its reading data (about 7 MB), which this device could not load. Open the app online once and press “Read card” again; after that it works offline. Nothing was lost.',
  read_failed: 'The card could not be read. Type the details instead; nothing was lost.',
  sign_out_offline: "Can't reach the server to sign out. Try again when you're online.",
  // Signing up and in: the server's own rules.
  password_too_common: 'This password is too common — choose another',
  too_many_attempts: 'Too many attempts. Try again later.',
} as const satisfies Record<string, string>;

export type MessageCode = keyof typeof MESSAGES;

/** A change this device could not store for another reason than space. */
export const storageFailedMessage = (detail: string) => `The change could not be saved on this device: ${detail}. Try again.`;

/** An answer from the server that is neither success nor one of its errors. */
export const unexpectedAnswerMessage = (status: number) => `Unexpected answer from the server (${status}).`;

/** Why the camera is not there (`reason`: "permission to use it was refused", …), and what to do instead. */
export const cameraUnavailableMessage = (reason: string) => `The camera is not available: ${reason}. Pick a photo of the badge instead.`;

/** Signing in to another workspace while this one's changes still wait. */
export const workspaceSwitchBlockedMessage = (workspaceName: string, waiting: number) =>
  `This device still has ${waiting} unsynced change${waiting === 1 ? '' : 's'} for workspace “${workspaceName}”. ` +
  'Sign in to that workspace and let them sync first.';

/** Another person's changes on this shared device, waiting to be sent under their own session. */
export const waitingForAuthorMessage = (count: number, email: string) =>
  `${count} change${count === 1 ? '' : 's'} by ${email} wait${count === 1 ? 's' : ''} for them to sign in`;

/** Signing in or up was throttled: when to try again, from the server's Retry-After (ms; null: unknown). */
export function tooManyAttemptsMessage(retryAfterMs: number | null): string {
  if (retryAfterMs === null) return MESSAGES.too_many_attempts;
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  const hours = Math.ceil(minutes / 60);
  const wait = seconds < 60 ? plural(seconds, 'second') : minutes < 60 ? plural(minutes, 'minute') : plural(hours, 'hour');
  return `Too many attempts. Try again in ${wait}.`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export function messageFor(code: string): string {
  return (MESSAGES as Record<string, string>)[code] ?? MESSAGES.rejected;
}
