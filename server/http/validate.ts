import type { z } from 'zod';
import { fieldErrors } from '../../src/core/protocol/issues';
import { HttpError } from './httpError';

/** Parses a request body; field errors answer 422 with `error.fields` (first message per field). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'The request body must be a JSON object');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]?.message ?? 'Some fields are not valid';
  throw new HttpError('invalid', first, fieldErrors(parsed.error.issues));
}
