import { SERVER_STAMPED_FIELDS, type VisitorData } from '../protocol';
import { sameValue } from '../values';
import type { RecordWrite } from './applyOp';

/** Who is writing, and the server's time of the write. */
export interface ServerStamp {
  by: string;
  at: string;
}

/**
 * A record write with the fields only the server writes (docs/ARCHITECTURE.md, "Record shape"),
 * whatever the op carried for them:
 * - `capturedBy`: the person whose push first created the record, kept ever after;
 * - `consentAt`: the server's time when consent (to this text version) was first stored, kept
 *   while it stands, null once withdrawn.
 * Their changes go into the write's history like any other field's.
 */
export function stampServerFields(before: VisitorData | null, write: RecordWrite, stamp: ServerStamp): RecordWrite {
  if (write.deleted) return write;
  const standingConsent =
    before !== null && before.consent && before.consentAt !== null && before.consentVersion === write.data.consentVersion;
  const data: VisitorData = {
    ...write.data,
    capturedBy: before?.capturedBy || stamp.by,
    consentAt: write.data.consent ? (standingConsent ? before.consentAt : stamp.at) : null,
  };
  const changes = { ...write.changes };
  for (const field of SERVER_STAMPED_FIELDS) {
    const from = before ? before[field] : null;
    if (sameValue(from, data[field])) delete changes[field];
    else changes[field] = { from, to: data[field] };
  }
  return { ...write, data, changes };
}
