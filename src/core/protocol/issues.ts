import type { z } from 'zod';

/** One problem zod found in an input. */
export type Issue = z.core.$ZodIssue;
/** Where in the input an issue is: `['ops', 3, 'opId']`. */
export type IssuePath = readonly PropertyKey[];

/** `['ops', 3, 'opId']` → `ops.3.opId`; undefined for the input as a whole. */
export function pathString(path: IssuePath): string | undefined {
  return path.length ? path.map(String).join('.') : undefined;
}

/** `['email']` → `email`, `['interests', 2]` → `interests`: the top-level field an issue is in. */
export function topLevelField(path: IssuePath): string | undefined {
  return path.length ? String(path[0]) : undefined;
}

/** `ops.3.opId: Invalid UUID` — where in the input, and what is wrong. */
export function describeIssue(issue: Issue): string {
  const where = pathString(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}

export interface FieldErrorOptions {
  /** The field an issue at `path` is shown beside; undefined drops the issue. Default: `pathString`. */
  fieldOf?: (path: IssuePath) => string | undefined;
  /** The message shown beside `field`. Default: zod's. */
  messageOf?: (issue: Issue, field: string) => string;
  /**
   * Unrecognised keys of the input itself, which zod reports on the input rather than on a key.
   * By default the first key is named, with zod's message (which lists them all); with this
   * message each key is named. Elsewhere they stay on the object that holds them (`fieldOf`).
   */
  unknownKeyMessage?: string;
}

/** The first message for each field the issues name: `{ email: 'Enter a valid email address' }`. */
export function fieldErrors(issues: readonly Issue[], options: FieldErrorOptions = {}): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    for (const [field, message] of fieldsOf(issue, options)) {
      if (!(field in fields)) fields[field] = message;
    }
  }
  return fields;
}

function fieldsOf(issue: Issue, { fieldOf = pathString, messageOf, unknownKeyMessage }: FieldErrorOptions): [string, string][] {
  const messageFor = (field: string) => (messageOf ? messageOf(issue, field) : issue.message);
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
    if (unknownKeyMessage === undefined) return issue.keys.slice(0, 1).map((key) => [key, messageFor(key)]);
    return issue.keys.map((key) => [key, unknownKeyMessage]);
  }
  const field = fieldOf(issue.path);
  return field === undefined ? [] : [[field, messageFor(field)]];
}
