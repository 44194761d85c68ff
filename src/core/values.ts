import type { VisitorData, VisitorPatch } from './protocol';

/** Deep equality of JSON values (primitives, arrays, plain objects); array order counts. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function applyPatch(data: VisitorData, patch: VisitorPatch): VisitorData {
  return { ...data, ...definedOnly(patch) };
}

/** The fields of `patch` whose value differs from `data` (an edit that changes nothing is empty). */
export function changedFields(data: VisitorData, patch: VisitorPatch): VisitorPatch {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined && !sameValue((data as Record<string, unknown>)[k], v)) out[k] = v;
  }
  return out as VisitorPatch;
}

/** `source` restricted to `fields` (fields it lacks are left out). */
export function pick(source: object | undefined, fields: Iterable<string>): VisitorPatch {
  const out: Record<string, unknown> = {};
  if (!source) return out as VisitorPatch;
  for (const f of fields) {
    if (Object.prototype.hasOwnProperty.call(source, f)) out[f] = (source as Record<string, unknown>)[f];
  }
  return out as VisitorPatch;
}

/**
 * The fields to put over `from` to make it `to` exactly: those whose value differs, or that
 * `from` lacks. Null when no patch can: `from` has a field `to` lacks.
 */
export function patchBetween(from: object, to: object): Record<string, unknown> | null {
  const a = from as Record<string, unknown>;
  const b = to as Record<string, unknown>;
  if (Object.keys(a).some((f) => !Object.hasOwn(b, f))) return null;
  const patch: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(b)) if (!Object.hasOwn(a, f) || !sameValue(a[f], v)) patch[f] = v;
  return patch;
}

export function isEmpty(patch: object | undefined): boolean {
  return !patch || Object.keys(patch).length === 0;
}

function definedOnly(patch: VisitorPatch): VisitorPatch {
  let clean = true;
  for (const v of Object.values(patch)) if (v === undefined) clean = false;
  if (clean) return patch;
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as VisitorPatch;
}
