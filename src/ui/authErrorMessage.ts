import { ApiError, OfflineError } from '../app/api';

/** What the sign-in screen says when signing in or up failed: a message, and per-field errors. */
export function authErrorMessage(error: unknown): { message: string; fields: Record<string, string> } {
  if (error instanceof ApiError) return { message: error.message, fields: error.fields };
  if (error instanceof OfflineError) {
    return { message: "Can't reach the server. Signing in needs a connection — try again when you're online.", fields: {} };
  }
  return { message: error instanceof Error ? error.message : 'Something went wrong. Try again.', fields: {} };
}
