import { mergeSets, mergeText, type MergePolicy } from '../../src/protocol';

export type FieldMerge = { merged: true; value: unknown } | { merged: false };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Settles a field that both sides changed since `base` (DESIGN.md §4), by the field's policy.
 * `{ merged: false }` makes the field a conflict for the person to resolve.
 */
export function mergeContendedField(policy: MergePolicy, theirs: unknown, base: unknown, mine: unknown): FieldMerge {
  switch (policy) {
    case 'set':
      if (isStringArray(theirs) && isStringArray(base) && isStringArray(mine)) {
        return { merged: true, value: mergeSets(base, mine, theirs) };
      }
      return { merged: false };
    case 'text': {
      if (typeof theirs !== 'string' || typeof base !== 'string' || typeof mine !== 'string') return { merged: false };
      const value = mergeText(base, mine, theirs);
      return value === null ? { merged: false } : { merged: true, value };
    }
    case 'manual':
      return { merged: false };
  }
}
