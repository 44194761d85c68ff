import type { z } from 'zod';
import { HttpError } from './httpError';

/** Parses a request body; field errors answer 422 with `error.fields` (first message per field). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'The request body must be a JSON object');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : unknownKeyField(issue);
    if (field && !(field in fields)) fields[field] = issue.message;
  }
  const first = parsed.error.issues[0]?.message ?? 'Some fields are not valid';
  throw new HttpError('invalid', first, fields);
}

/** An unrecognised key is reported on the object, not the key: name the key. */
function unknownKeyField(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
}
