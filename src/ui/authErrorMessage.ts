import { ApiError, OfflineError } from '../app/api';
import { MESSAGES, tooManyAttemptsMessage } from '../core/messages';

/** What the sign-in screen says when signing in or up failed: a message, and per-field errors. */
export function authErrorMessage(error: unknown): { message: string; fields: Record<string, string> } {
  if (error instanceof ApiError && error.status === 429) return { message: tooManyAttemptsMessage(error.retryAfterMs), fields: {} };
  if (error instanceof ApiError) return { message: error.message, fields: error.fields };
  if (error instanceof OfflineError) {
    return { message: MESSAGES.sign_in_offline, fields: {} };
  }
  return { message: error instanceof Error ? error.message : MESSAGES.something_went_wrong, fields: {} };
}
