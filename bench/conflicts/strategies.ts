import type { Change, VisitorData, VisitorField } from '../../src/core/protocol';
import type { Backend, PushItem } from './backend';
import type { Answer } from './oracle';

/**
 * The baselines (pure, in memory), run on the same workload as the real server:
 * - last-writer-wins: every push overwrites the whole record with the device's copy (a delete
 *   deletes; an update of a deleted record brings it back). Nothing is ever a conflict.
 * - whole-record version check: an op based on a revision that is not the record's current one
 *   (`PushItem.baseRev`) is a conflict for the whole record and changes nothing; otherwise it
 *   applies.
 */

interface Stored {
  rev: number;
  deleted: boolean;
  data: VisitorData;
}

type Decision =
  | { status: 'applied'; write: Omit<Stored, 'rev'> | null }
  | { status: 'conflict'; conflict: NonNullable<Answer['conflict']> };

export type Strategy = (current: Stored | undefined, item: PushItem) => Decision;

export const lastWriterWins: Strategy = (current, { op, local }) => {
  if (op.kind === 'create') return { status: 'applied', write: { deleted: false, data: op.data } };
  if (!current) throw new Error(`no record ${op.id}`);
  return { status: 'applied', write: local ? { deleted: false, data: local } : { deleted: true, data: current.data } };
};

export const versionCheck: Strategy = (current, { op, baseRev }) => {
  if (op.kind === 'create') return { status: 'applied', write: { deleted: false, data: op.data } };
  if (!current) throw new Error(`no record ${op.id}`);
  const fields = op.kind === 'update' ? Object.keys(op.patch) : Object.keys(op.base ?? {});
  const theirs = Object.fromEntries(fields.map((f) => [f, current.data[f as VisitorField]]));
  if (current.deleted && op.kind === 'update') {
    return { status: 'conflict', conflict: { kind: 'update-delete', fields, theirs } };
  }
  if (current.deleted) return { status: 'applied', write: null };
  if (baseRev !== current.rev) {
    return { status: 'conflict', conflict: { kind: op.kind === 'delete' ? 'delete-update' : 'update-update', fields, theirs } };
  }
  if (op.kind === 'delete') return { status: 'applied', write: { deleted: true, data: current.data } };
  return { status: 'applied', write: { deleted: false, data: { ...current.data, ...op.patch } } };
};

/** A workspace held in memory, deciding each op by `strategy`; pulls answer like the real server. */
export function simulatedBackend(name: string, strategy: Strategy): Backend {
  const records = new Map<string, Stored>();
  let rev = 0;
  return {
    name,
    async push(_client, items) {
      return items.map((item) => {
        const current = records.get(item.op.id);
        const decision = strategy(current, item);
        let after = current;
        if (decision.status === 'applied' && decision.write) {
          after = { rev: ++rev, ...decision.write };
          records.set(item.op.id, after);
        }
        const answer: Answer = {
          status: decision.status,
          ...(after ? { rev: after.rev } : {}),
          record: after && !after.deleted ? after.data : null,
        };
        if (decision.status === 'conflict') answer.conflict = decision.conflict;
        return answer;
      });
    },
    async pull(_client, since) {
      const changes: Change[] = [...records.entries()]
        .filter(([, r]) => r.rev > since)
        .sort(([, a], [, b]) => a.rev - b.rev)
        .map(([id, r]) => ({ collection: 'visitors', id, rev: r.rev, deleted: r.deleted, data: r.data, updatedAt: '', updatedBy: null }));
      return { changes, cursor: rev, hasMore: false };
    },
    async close() {},
  };
}
