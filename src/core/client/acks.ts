import type { VisitorData } from '../protocol';
import type { LocalWrites } from './localStore';
import { sortNameOf } from './row';
import type { LocalVisitor } from './types';

/**
 * The acknowledgement journal. When a push answer leaves a record with nothing queued and no
 * conflict, its row becomes the server's version. Rewriting each such row would cost one
 * IndexedDB put per record, plus its index entries. That was about half of a drain, and it
 * kept the next batch off the wire. Instead, each push answer writes one journal row holding
 * those server versions. Reads apply the journal (`applyAcks`), and the sync folds it into
 * the rows once the drain is over (`planFold`), while it pulls.
 *
 * A journalled version counts only while it is newer than the stored row's `serverRev`. Any
 * later write of the row is computed from the journalled version (reads apply it) and carries
 * that revision or a newer one, so it supersedes the version.
 */

/** A record's server version, as a push answer acknowledged it. */
export interface AckedVersion {
  id: string;
  rev: number;
  data: VisitorData;
}

/** One push answer's acknowledged versions. `ids` lists them for the multi-entry index. */
export interface AckRow {
  seq?: number;
  ids: string[];
  versions: AckedVersion[];
  /** Epoch ms of the answer: the `localUpdatedAt` of the rows it makes. */
  at: number;
}

export interface Acked extends AckedVersion {
  at: number;
}

export function ackRow(versions: AckedVersion[], at: number): AckRow {
  return { ids: versions.map((v) => v.id), versions, at };
}

/** The newest acknowledged version of each record in `acks` (of `ids` only, when given). */
export function newestAcked(acks: readonly AckRow[], ids?: readonly string[]): Map<string, Acked> {
  const wanted = ids && new Set(ids);
  const out = new Map<string, Acked>();
  for (const ack of acks) {
    for (const v of ack.versions) {
      if (wanted && !wanted.has(v.id)) continue;
      const seen = out.get(v.id);
      if (!seen || seen.rev < v.rev) out.set(v.id, { ...v, at: ack.at });
    }
  }
  return out;
}

/** The row its acknowledged version makes of `row`, or `row` itself when the version is not newer. */
export function withAck(row: LocalVisitor, acked: Acked | undefined): LocalVisitor {
  if (!acked || acked.rev <= (row.serverRev ?? -1)) return row;
  return { id: row.id, data: acked.data, syncState: 'synced', sortName: sortNameOf(acked.data), serverRev: acked.rev, localUpdatedAt: acked.at };
}

/** Stored rows with the journal applied: the rows every planner and reader sees. */
export function applyAcks(rows: ReadonlyMap<string, LocalVisitor>, acked: ReadonlyMap<string, Acked>): Map<string, LocalVisitor> {
  const out = new Map<string, LocalVisitor>();
  for (const [id, row] of rows) out.set(id, withAck(row, acked.get(id)));
  return out;
}

/**
 * Folds the oldest journal row into the rows: each row it still makes stale is written as it
 * reads now (with the newest journalled version of its record), and the journal row goes.
 */
export function planFold(ack: AckRow, stored: ReadonlyMap<string, LocalVisitor>, acked: ReadonlyMap<string, Acked>): LocalWrites {
  const putRows: LocalVisitor[] = [];
  for (const id of ack.ids) {
    const row = stored.get(id);
    if (!row) continue;
    const folded = withAck(row, acked.get(id));
    if (folded !== row) putRows.push(folded);
  }
  return { putRows, deleteAcks: [ack.seq!] };
}
