import type { z } from 'zod';
import { fieldErrors, topLevelField } from '../core/protocol/issues';

/** A local write the schema refuses; `fields` maps each bad field to the message to show beside it. */
export class ValidationError extends Error {
  readonly code = 'validation';
  readonly fields: Record<string, string>;

  constructor(fields: Record<string, string>, options?: { cause?: unknown }) {
    super(`Invalid ${Object.keys(fields).join(', ') || 'record'}`, options);
    this.name = 'ValidationError';
    this.fields = fields;
  }

  /** Each top-level field with its first message; `_` for the record as a whole. */
  static fromZod(error: z.ZodError): ValidationError {
    const fields = fieldErrors(error.issues, { fieldOf: (path) => topLevelField(path) ?? '_', unknownKeyMessage: 'Unknown field' });
    return new ValidationError(fields, { cause: error });
  }
}

/** Parses with `schema` or throws a ValidationError (the parsed value is trimmed/normalised). */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}
