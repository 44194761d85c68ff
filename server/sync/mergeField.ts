import type { MergePolicy } from '../../src/protocol';

export type FieldMerge = { merged: true; value: unknown } | { merged: false };

/**
 * Settles a field that both sides changed since `base` (DESIGN.md §4), by the field's policy.
 * `{ merged: false }` makes the field a conflict for the person to resolve.
 */
export function mergeContendedField(policy: MergePolicy, _theirs: unknown, _base: unknown, _mine: unknown): FieldMerge {
  switch (policy) {
    case 'set': // three-way set merge: not implemented yet, settled by the person meanwhile
    case 'text': // line-wise three-way merge: not implemented yet, settled by the person meanwhile
    case 'manual':
      return { merged: false };
  }
}
