// Apart from the schemas (no zod here): opening the local database upgrades old records with
// these, and that is in the sign-in screen's first load (docs/ARCHITECTURE.md, "Serving the app").

/** The fields added after the first release, and the value that records and ops from before each read as. */
export const ADDED_FIELD_DEFAULTS = {
  cardPhoto: null,
  consent: false,
  consentVersion: '',
  consentAt: null,
  capturedBy: '',
  distinctFrom: [] as string[],
} as const;

/** A record or create op's data written before some added fields existed, with those fields at their defaults. */
export function withAddedFields<T extends object>(data: T): T & typeof ADDED_FIELD_DEFAULTS {
  return { ...ADDED_FIELD_DEFAULTS, distinctFrom: [], ...data };
}
