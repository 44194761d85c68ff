import type { VisitorData } from '../core/protocol';
import type { ConflictRecord, LocalVisitor, OutboxOp } from '../core/client/types';
import { sortNameOf } from '../core/client/row';
import { visitorData } from '../core/testing/visitorData';

/**
 * Rows as the local database stores them, for tests of reads (tests only). They are put
 * directly, not through the repository, so a read's test depends on the schema alone.
 */

let n = 0;

export function visitorRow(id: string, data: Partial<VisitorData> = {}, extra: Partial<LocalVisitor> = {}): LocalVisitor {
  const full = visitorData(data);
  return { id, data: full, syncState: 'synced', sortName: sortNameOf(full), localUpdatedAt: 0, ...extra };
}

/** A queued op for record `id` (an update of its title unless told otherwise). */
export function queuedOp(id: string, extra: Partial<OutboxOp> = {}): OutboxOp {
  n++;
  return { opId: `test-op-${n}`, collection: 'visitors', id, kind: 'update', patch: { title: `T${n}` }, base: {}, state: 'pending', attempts: 0, createdAt: 0, ...extra };
}

/** An open update-update conflict over the name of record `id`. */
export function conflictRecord(id: string, extra: Partial<ConflictRecord> = {}): ConflictRecord {
  return { id, collection: 'visitors', kind: 'update-update', fields: ['name'], base: {}, mine: {}, theirs: {}, theirsBy: null, theirsAt: null, detectedAt: 0, ...extra };
}
