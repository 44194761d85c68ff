import { z } from 'zod';

/*
 * What text may travel: checks shared by the record schemas (so the form refuses what the server
 * would) and the envelope strings (so no odd byte reaches a database: PostgreSQL refuses NUL).
 */

/** C0 and C1 control characters and DEL, NUL included. */
const CONTROL = /\p{Cc}/u;
/** The same, except the tab and the line feed that multi-line text may hold. */
const CONTROL_BUT_TAB_OR_NEWLINE = /(?![\t\n])\p{Cc}/u;
/** Bidirectional embeddings, overrides and isolates, which can make text read other than it is. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** Half of a surrogate pair, alone: no character at all, and not valid UTF-8. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/**
 * `schema` refusing control characters (but tab and newline with `multiLine`), text-direction
 * controls and broken characters, each with a message naming the field.
 */
export function cleanText(schema: z.ZodString, label: string, { multiLine = false } = {}): z.ZodString {
  const controls = multiLine ? CONTROL_BUT_TAB_OR_NEWLINE : CONTROL;
  return schema
    .refine((text) => !controls.test(text), {
      message: multiLine
        ? `${label} cannot contain control characters other than tabs and line breaks`
        : `${label} cannot contain control characters or line breaks`,
    })
    .refine((text) => !BIDI_CONTROL.test(text), { message: `${label} cannot contain text-direction control characters` })
    .refine((text) => !LONE_SURROGATE.test(text), { message: `${label} contains a broken character` });
}

/** An envelope string such as a client id: 1–`max` characters, none of them a control or broken one. */
export const plainString = (max: number, label: string) => cleanText(z.string().min(1).max(max), label);

/**
 * A whole-number query parameter: decimal digits only (no sign, exponent, hex or spaces), within
 * `min`–`max`, `fallback` when absent. A repeated parameter (an array) is refused.
 */
export function queryInteger(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,16}$/, 'must be a whole number')
    .optional()
    .transform((text) => (text === undefined ? fallback : Number(text)))
    .pipe(z.number().int().min(min).max(max));
}
