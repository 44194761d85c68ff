import { MAX_ATTACHMENT_BYTES, type ApiErrorBody } from '../../src/core/protocol';

/** Every error code the API answers with, its HTTP status and default message. */
const ERRORS = {
  bad_request: [400, 'The request is not valid'],
  hash_mismatch: [400, 'The photo does not match its SHA-256 hash'],
  invalid_invite: [400, 'This invite code is not valid or has expired'],
  unauthenticated: [401, 'Please sign in'],
  invalid_credentials: [401, 'Email or password is incorrect'],
  cross_site_request: [403, 'This request did not come from Outpost itself'],
  not_found: [404, 'Not found'],
  upgrade_required: [426, 'This version of Outpost is too old for the server: update the app. Your changes are kept on this device'],
  request_timeout: [408, 'The request took too long to arrive'],
  email_taken: [409, 'An account with this email already exists'],
  payload_too_large: [413, 'The request is too large'],
  too_many_ops: [413, 'Too many operations in one push'],
  attachment_too_large: [413, `The photo is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`],
  unsupported_media_type: [415, 'Send the request body as application/json'],
  invalid: [422, 'Some fields are not valid'],
  too_many_attempts: [429, 'Too many attempts. Try again later'],
  internal: [500, 'Something went wrong on the server'],
  server_busy: [503, 'The server is busy; try again in a moment'],
  server_outdated: [503, 'The server is being updated; try again in a minute'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERRORS;

/** An answer the API gives on purpose: a stable `code`, an HTTP status and a message for people. */
export class HttpError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code][1],
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = ERRORS[code][0];
  }

  toBody(): ApiErrorBody {
    const error: ApiErrorBody['error'] = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    return { error };
  }
}
