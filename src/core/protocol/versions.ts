import type { OpResult, PulledChange } from './sync';
import type { HistoryEntry } from './history';
import type { VisitorField } from './visitor';

/**
 * The sync protocol's version (docs/ARCHITECTURE.md, "Protocol versions"). Every sync request
 * names the version it speaks in the `Outpost-Protocol` header; a request without one is
 * version 1, which is what every app sent before the header existed. The server speaks the
 * current version and the previous one, and answers each request in the version it was asked
 * in; it turns an older client away with 426 `upgrade_required` (the app says "Update needed —
 * your changes are kept"), and a newer one with 503 `server_outdated` (mid-deploy: try later).
 *
 * 1: the first release. 2: visitors gain `consent`. 3: visitors gain `consentVersion`,
 * `distinctFrom` and the server-stamped `consentAt` and `capturedBy`. 4: compact answers — an
 * update op names its `baseRev`, and push results and pulled changes may carry a `patch` instead
 * of the whole record.
 */
export const PROTOCOL_VERSION = 4;
export const OLDEST_PROTOCOL_VERSION = 3;
/** The first version whose clients read compact push results and pulled changes. */
export const COMPACT_SINCE = 4;
export const PROTOCOL_HEADER = 'outpost-protocol';

/** The versions a server accepts: `oldest` may be raised by its operator, never above `current`. */
export interface ProtocolRange {
  oldest: number;
  current: number;
}
export const PROTOCOL_RANGE: ProtocolRange = { oldest: OLDEST_PROTOCOL_VERSION, current: PROTOCOL_VERSION };

/** The record fields each version added. Shape changes are additive (a new field has a default). */
const FIELDS_ADDED_IN: Record<number, readonly VisitorField[]> = {
  2: ['consent'],
  3: ['consentVersion', 'consentAt', 'capturedBy', 'distinctFrom'],
};

/** The fields a client speaking `version` does not know. */
export function fieldsUnknownTo(version: number): VisitorField[] {
  return Object.entries(FIELDS_ADDED_IN).flatMap(([added, fields]) => (Number(added) > version ? fields : []));
}

export type ProtocolVersionCheck =
  | { ok: true; version: number }
  | { ok: false; reason: 'malformed' | 'too_old' | 'too_new' };

/** Reads an `Outpost-Protocol` header value (absent: version 1) against the versions a server accepts. */
export function checkProtocolVersion(header: string | string[] | undefined, range: ProtocolRange = PROTOCOL_RANGE): ProtocolVersionCheck {
  if (Array.isArray(header)) return { ok: false, reason: 'malformed' };
  if (header === undefined) return withinRange(1, range);
  if (!/^[1-9][0-9]{0,3}$/.test(header.trim())) return { ok: false, reason: 'malformed' };
  return withinRange(Number(header.trim()), range);
}

function withinRange(version: number, range: ProtocolRange): ProtocolVersionCheck {
  if (version < range.oldest) return { ok: false, reason: 'too_old' };
  if (version > range.current) return { ok: false, reason: 'too_new' };
  return { ok: true, version };
}

function withoutFields<T extends Record<string, unknown>>(value: T, fields: readonly string[]): T {
  if (fields.length === 0) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const field of fields) delete copy[field];
  return copy as T;
}

/**
 * An op as a client speaking `version` sent it, in the current shape. A field added since is
 * left out of a create (the schema's default fills it) and of an update's patch and base: that
 * client cannot have meant to set it.
 */
export function upgradeOp<T extends { data?: unknown; patch?: unknown; base?: unknown; baseRev?: unknown }>(op: T, version: number): T {
  if (version < COMPACT_SINCE && op.baseRev !== undefined) {
    // Before version 4, a baseRev meant nothing (version 1 sent one the server never read).
    const { baseRev: _ignored, ...rest } = op;
    return upgradeOp(rest as T, version);
  }
  const unknown = fieldsUnknownTo(version);
  if (unknown.length === 0) return op;
  const strip = (part: unknown) => (isRecord(part) ? withoutFields(part, unknown) : part);
  return {
    ...op,
    ...(op.data !== undefined ? { data: strip(op.data) } : {}),
    ...(op.patch !== undefined ? { patch: strip(op.patch) } : {}),
    ...(op.base !== undefined ? { base: strip(op.base) } : {}),
  };
}

/**
 * A push result for a client speaking `version`: no field it does not know, in the record or the
 * conflict. A client before `COMPACT_SINCE` is never given a compact result (`planPush` is told).
 */
export function downgradeResult(result: OpResult, version: number): OpResult {
  const unknown = fieldsUnknownTo(version);
  if (unknown.length === 0) return result;
  return {
    ...result,
    ...(result.record ? { record: withoutFields(result.record, unknown) } : {}),
    ...(result.patch ? { patch: withoutFields(result.patch, unknown) } : {}),
    ...(result.conflict
      ? {
          conflict: {
            ...result.conflict,
            fields: result.conflict.fields.filter((f) => !unknown.includes(f as VisitorField)),
            theirs: withoutFields(result.conflict.theirs, unknown),
          },
        }
      : {}),
  };
}

/** A pulled change for a client speaking `version` (one before `COMPACT_SINCE` is only given whole changes). */
export function downgradeChange<T extends PulledChange>(change: T, version: number): T {
  const unknown = fieldsUnknownTo(version);
  if (unknown.length === 0) return change;
  if ('patch' in change && change.patch) return { ...change, patch: withoutFields(change.patch, unknown) };
  return 'data' in change && change.data ? { ...change, data: withoutFields(change.data, unknown) } : change;
}

/** A history entry for a client speaking `version`: the changes of fields it does not know are left out. */
export function downgradeHistoryEntry(entry: HistoryEntry, version: number): HistoryEntry {
  const unknown = fieldsUnknownTo(version);
  return unknown.length === 0 ? entry : { ...entry, changes: withoutFields(entry.changes, unknown) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
