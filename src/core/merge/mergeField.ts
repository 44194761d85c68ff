import type { MergePolicy } from '../protocol';
import { mergeSets, mergeText, type WorkMeter } from './merge';

export type FieldMerge = { merged: true; value: unknown } | { merged: false };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Settles a field that both sides changed since `base`, by the field's policy (the merge rules
 * of docs/ARCHITECTURE.md). `{ merged: false }` makes the field a conflict for the person. The
 * work of a text merge is added to `meter`.
 */
export function mergeContendedField(
  policy: MergePolicy,
  theirs: unknown,
  base: unknown,
  mine: unknown,
  meter?: WorkMeter,
): FieldMerge {
  switch (policy) {
    case 'set':
      if (isStringArray(theirs) && isStringArray(base) && isStringArray(mine)) {
        return { merged: true, value: mergeSets(base, mine, theirs) };
      }
      return { merged: false };
    case 'text': {
      if (typeof theirs !== 'string' || typeof base !== 'string' || typeof mine !== 'string') return { merged: false };
      const value = mergeText(base, mine, theirs, meter);
      return value === null ? { merged: false } : { merged: true, value };
    }
    case 'manual':
      return { merged: false };
  }
}

/**
 * What the conflict dialog offers as "Merged": the server's merge where one exists, and for
 * notes whose edits clash, both versions' lines (mine in order, then theirs' lines mine lacks).
 * `undefined` where the policy has no merge.
 */
export function offeredMerge(policy: MergePolicy, base: unknown, mine: unknown, theirs: unknown): unknown {
  if (policy === 'manual') return undefined;
  if (policy === 'set') {
    const asList = (x: unknown) => (isStringArray(x) ? x : []);
    return mergeSets(asList(base), asList(mine), asList(theirs));
  }
  const asText = (x: unknown) => (typeof x === 'string' ? x : '');
  return mergeText(asText(base), asText(mine), asText(theirs)) ?? combineLines(asText(mine), asText(theirs));
}

function combineLines(mine: string, theirs: string): string {
  const lines = mine === '' ? [] : mine.split('\n');
  const have = new Set(lines);
  for (const line of theirs === '' ? [] : theirs.split('\n')) {
    if (have.has(line)) continue;
    lines.push(line);
    have.add(line);
  }
  return lines.join('\n');
}
