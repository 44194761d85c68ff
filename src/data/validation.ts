import type { z } from 'zod';

/** A local write the schema refuses; `fields` maps each bad field to the message to show beside it. */
export class ValidationError extends Error {
  readonly code = 'validation';
  readonly fields: Record<string, string>;

  constructor(fields: Record<string, string>, options?: { cause?: unknown }) {
    super(`Invalid ${Object.keys(fields).join(', ') || 'record'}`, options);
    this.name = 'ValidationError';
    this.fields = fields;
  }

  static fromZod(error: z.ZodError): ValidationError {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) fields[key] ??= 'Unknown field';
        continue;
      }
      const field = issue.path.length ? String(issue.path[0]) : '_';
      fields[field] ??= issue.message;
    }
    return new ValidationError(fields, { cause: error });
  }
}

/** Parses with `schema` or throws a ValidationError (the parsed value is trimmed/normalised). */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}
