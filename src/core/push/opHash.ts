import type { SyncOp } from '../protocol';
import { sha256Hex } from './sha256';

/**
 * What identifies an op beyond its opId: the SHA-256 of its canonical JSON. The server keeps it
 * with each applied op, so that an opId sent again with other content is told from a replay
 * (docs/ARCHITECTURE.md, "Wire protocol"). The op is the validated one (trimmed, defaults
 * filled, unknown keys gone), so two sendings of one edit hash alike.
 */
export function opHash(op: SyncOp): string {
  return sha256Hex(canonicalOpJson(op));
}

/** The op's identifying fields (opId, collection, id, kind, data, patch, base) as canonical JSON. */
export function canonicalOpJson(op: SyncOp): string {
  const { opId, collection, id, kind } = op;
  const payload = op.kind === 'create' ? { data: op.data } : op.kind === 'update' ? { patch: op.patch, base: op.base } : { base: op.base };
  return canonicalJson({ opId, collection, id, kind, ...payload });
}

/**
 * JSON with every object's keys in sorted order and no whitespace, so equal values give equal
 * text whatever order their keys were built in. Undefined object values are left out, as
 * JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
