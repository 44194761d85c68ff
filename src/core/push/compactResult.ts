import type { OpEnvelope, OpResult } from '../protocol';
import { patchBetween } from '../values';
import type { CurrentRecord } from './applyOp';

/**
 * An op's answer in the compact form of protocol 4 (docs/ARCHITECTURE.md, "Results"), or the
 * whole answer when the client could not rebuild the record from what it holds. The client
 * rebuilds the record at `rev` from the op it sent: a create's data, or, for an update whose
 * `baseRev` is the revision the record had before it, its version at that revision with the
 * op's patch applied. The answer carries only the fields where the server's record differs from
 * that: the server-stamped fields, merged text, the fields a conflict kept.
 *
 * Built from the op as it arrived (`sent`), not as validated: the client rebuilds from what it
 * sent, so a value the validation changed (a trimmed interest) is one that differs.
 */
export function compactResult(whole: OpResult, sent: OpEnvelope, before: CurrentRecord | null, after: CurrentRecord | null): OpResult {
  if (!after || after.deleted || !whole.record) return whole;
  const rebuilt = rebuiltByClient(sent, before);
  const patch = rebuilt && patchBetween(rebuilt, after.data);
  if (!patch) return whole;
  const { record: _record, ...rest } = whole;
  return { ...rest, patch, ...(sent.kind === 'update' ? { baseRev: sent.baseRev } : {}) };
}

/** What the client will rebuild the record as before the answer's patch, if it can. */
function rebuiltByClient(sent: OpEnvelope, before: CurrentRecord | null): object | null {
  if (sent.kind === 'create') return isObject(sent.data) ? sent.data : null;
  if (sent.kind !== 'update' || sent.baseRev === undefined || !isObject(sent.patch)) return null;
  if (!before || before.deleted || before.rev !== sent.baseRev) return null;
  return { ...before.data, ...definedOnly(sent.patch) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedOnly(patch: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
