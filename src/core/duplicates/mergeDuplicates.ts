import { writableData, type VisitorData, type VisitorField, type VisitorPatch } from '../protocol';
import { changedFields, sameValue } from '../values';

/**
 * Merging two records of the same person (pure). The earlier capture is kept, under its id;
 * the other one is deleted. Some fields merge by themselves — the union of interests, both
 * notes, the earlier capture time, the dismissed duplicates of both — and a field only one side
 * filled takes that value. Every other field where they differ is the person's choice, as in a
 * conflict: `choices` lists those, `mergedRecord` applies what was chosen.
 */

/**
 * The fields a person chooses between when they differ and both are filled. A yes/no field is
 * filled only when yes, so consent and follow-up are never a choice: either side's yes stands.
 */
export const CHOSEN_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'title',
  'rating',
  'followUp',
  'captureMethod',
  'consent',
  'cardPhoto',
] as const satisfies readonly VisitorField[];
export type ChosenField = (typeof CHOSEN_FIELDS)[number];

export interface DuplicatePair {
  /** The earlier capture: it stays. */
  kept: { id: string; data: VisitorData };
  /** It goes: deleted once merged. */
  other: { id: string; data: VisitorData };
}

/** Orders two records into the one kept (captured first; the smaller id on a tie) and the other. */
export function pairOf(a: { id: string; data: VisitorData }, b: { id: string; data: VisitorData }): DuplicatePair {
  const first = a.data.capturedAt < b.data.capturedAt || (a.data.capturedAt === b.data.capturedAt && a.id < b.id);
  return first ? { kept: a, other: b } : { kept: b, other: a };
}

const isBlank = (value: unknown) => value === '' || value === null || value === 0 || value === false;

/** The fields the person must choose for: both filled, and different. */
export function choices(pair: DuplicatePair): ChosenField[] {
  const { kept, other } = pair;
  return CHOSEN_FIELDS.filter((f) => !sameValue(kept.data[f], other.data[f]) && !isBlank(kept.data[f]) && !isBlank(other.data[f]));
}

function bothNotes(a: string, b: string): string {
  if (!b.trim() || a.includes(b)) return a;
  if (!a.trim() || b.includes(a)) return b;
  return `${a}\n${b}`;
}

/** The record the merge keeps: the automatic merges, the filled side of one-sided fields, and `chosen`. */
export function mergedRecord(pair: DuplicatePair, chosen: Partial<Pick<VisitorData, ChosenField>>): VisitorData {
  const { kept, other } = pair;
  const record: Record<string, unknown> = { ...kept.data };
  for (const field of CHOSEN_FIELDS) if (isBlank(kept.data[field]) && !isBlank(other.data[field])) record[field] = other.data[field];
  if (record.consent === true && !kept.data.consent) record.consentVersion = other.data.consentVersion;
  Object.assign(record, chosen);
  const interests = [...kept.data.interests];
  for (const item of other.data.interests) {
    if (!interests.some((i) => i.toLocaleLowerCase('en') === item.toLocaleLowerCase('en'))) interests.push(item);
  }
  record.interests = interests;
  record.notes = bothNotes(kept.data.notes, other.data.notes);
  record.capturedAt = kept.data.capturedAt <= other.data.capturedAt ? kept.data.capturedAt : other.data.capturedAt;
  record.distinctFrom = [...new Set([...kept.data.distinctFrom, ...other.data.distinctFrom])].filter(
    (id) => id !== kept.id && id !== other.id,
  );
  return record as VisitorData;
}

/** The kept record's edit: only what the merge changes, never a server-stamped field. */
export function mergePatch(pair: DuplicatePair, merged: VisitorData): VisitorPatch {
  return changedFields(pair.kept.data, writableData(merged));
}
