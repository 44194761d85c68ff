import type { VisitorData } from '../protocol';
import type { ConflictRecord, LocalVisitor, OutboxOp } from '../client/types';
import { sortNameOf } from '../client/row';
import { op } from './ops';
import { visitorData } from './visitorData';

/** Rows as the local database stores them, for tests that put them directly. */

export function visitorRow(id: string, data: Partial<VisitorData> = {}, extra: Partial<LocalVisitor> = {}): LocalVisitor {
  const full = visitorData(data);
  return { id, data: full, syncState: 'synced', sortName: sortNameOf(full), localUpdatedAt: 0, ...extra };
}

/** A queued op for record `id` (an update of its title unless told otherwise). */
export function queuedOp(id: string, extra: Partial<OutboxOp> = {}): OutboxOp {
  return op({ id, kind: 'update', patch: { title: 'Queued' }, base: {}, createdAt: 0, ...extra });
}

/** An open update-update conflict of record `id` (over its name, with empty sides, unless told otherwise). */
export function conflictRecord(id: string, extra: Partial<ConflictRecord> = {}): ConflictRecord {
  return { id, collection: 'visitors', kind: 'update-update', fields: ['name'], base: {}, mine: {}, theirs: {}, theirsBy: null, theirsAt: null, detectedAt: 0, ...extra };
}

/** An open conflict over Company: base "Base", mine "Mine", theirs "Theirs" (by bob). */
export function companyConflict(id: string, extra: Partial<ConflictRecord> = {}): ConflictRecord {
  const sides = { base: { company: 'Base' }, mine: { company: 'Mine' }, theirs: { company: 'Theirs' } };
  return conflictRecord(id, { fields: ['company'], ...sides, theirsBy: 'bob', theirsAt: 't', detectedAt: 1, ...extra });
}
