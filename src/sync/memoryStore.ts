import { applyAcks, newestAcked, type AckRow } from '../core/client/acks';
import type { LocalStore, LocalTransaction, LocalWrites, MetaValues } from '../core/client/localStore';
import type { ConflictRecord, LocalAttachment, LocalVisitor, OutboxOp, Shadow } from '../core/client/types';

interface State {
  rows: Map<string, LocalVisitor>;
  shadows: Map<string, Shadow>;
  conflicts: Map<string, ConflictRecord>;
  ops: Map<number, OutboxOp>;
  meta: Partial<MetaValues>;
  attachments: Map<string, LocalAttachment>;
  acks: Map<number, AckRow>;
  nextSeq: number;
  nextAckSeq: number;
}

/**
 * The `LocalStore` port in memory: for tests of the engine and the repository, and anywhere
 * IndexedDB is missing. Transactions run one at a time; a throw restores the state it began
 * with. Values are copied in and out, as IndexedDB's structured clone does.
 */
export function createMemoryStore(): LocalStore {
  let state: State = { rows: new Map(), shadows: new Map(), conflicts: new Map(), ops: new Map(), meta: {}, attachments: new Map(), acks: new Map(), nextSeq: 1, nextAckSeq: 1 };
  let tail: Promise<unknown> = Promise.resolve();

  const run = async <T>(work: (tx: LocalTransaction) => Promise<T>): Promise<T> => {
    const before = snapshot(state);
    try {
      return await work(transactionOver(() => state));
    } catch (e) {
      state = before;
      throw e;
    }
  };

  return {
    transaction(_tables, work) {
      const result = tail.then(() => run(work));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

function transactionOver(current: () => State): LocalTransaction {
  const pick = <T>(map: Map<string, T>, ids: readonly string[]) => {
    const out = new Map<string, T>();
    for (const id of ids) {
      const value = map.get(id);
      if (value !== undefined) out.set(id, copy(value));
    }
    return out;
  };
  const queued = () => [...current().ops.values()].sort((a, b) => a.seq! - b.seq!);
  const acksOf = async (ids: readonly string[]) => {
    const wanted = new Set(ids);
    return [...current().acks.values()].filter((ack) => ack.ids.some((id) => wanted.has(id))).map(copy);
  };
  return {
    rows: async (ids) => applyAcks(pick(current().rows, ids), newestAcked(await acksOf(ids), ids)),
    storedRows: async (ids) => pick(current().rows, ids),
    acksOf,
    oldestAck: async () => copy([...current().acks.values()].sort((a, b) => a.seq! - b.seq!)[0]),
    shadows: async (ids) => pick(current().shadows, ids),
    conflicts: async (ids) => pick(current().conflicts, ids),
    async opsOf(ids, known) {
      const wanted = new Set(ids);
      return queued()
        .filter((op) => wanted.has(op.id))
        .map((op) => known?.get(op.seq!) ?? copy(op));
    },
    opsAfter: async (after, limit) => queued().filter((op) => op.seq! > after).slice(0, limit).map(copy),
    failedOps: async () => queued().filter((op) => op.state === 'failed').map(copy),
    opsByOthers: async (userId) => queued().filter((op) => op.author !== undefined && op.author.id !== userId).map(copy),
    opCount: async () => current().ops.size,
    meta: async (keys) => keys.map((k) => copy(current().meta[k])) as never,
    attachments: async (hashes) => pick(current().attachments, hashes),
    pendingAttachments: async (limit) =>
      [...current().attachments.values()]
        .filter((a) => a.state === 'pending')
        .sort((a, b) => a.addedAt - b.addedAt)
        .slice(0, limit)
        .map(copy),
    write: async (writes) => apply(current(), writes),
  };
}

function apply(state: State, w: LocalWrites): void {
  for (const seq of w.deleteOps ?? []) state.ops.delete(seq);
  for (const op of w.addOps ?? []) {
    const seq = state.nextSeq++;
    state.ops.set(seq, { ...copy(op), seq });
  }
  for (const op of w.putOps ?? []) {
    state.ops.set(op.seq!, copy(op));
    state.nextSeq = Math.max(state.nextSeq, op.seq! + 1);
  }
  putAll(state.rows, [...(w.putRows ?? []), ...(w.addRows ?? [])], w.deleteRows);
  putAll(state.shadows, w.putShadows, w.deleteShadows);
  putAll(state.conflicts, w.putConflicts, w.deleteConflicts);
  Object.assign(state.meta, copy(w.meta ?? {}));
  for (const key of w.deleteMeta ?? []) delete state.meta[key];
  for (const a of w.putAttachments ?? []) state.attachments.set(a.hash, copy(a));
  for (const seq of w.deleteAcks ?? []) state.acks.delete(seq);
  for (const ack of w.addAcks ?? []) {
    const seq = state.nextAckSeq++;
    state.acks.set(seq, { ...copy(ack), seq });
  }
}

function putAll<T extends { id: string }>(map: Map<string, T>, puts: readonly T[] = [], deletes: readonly string[] = []) {
  for (const id of deletes) map.delete(id);
  for (const value of puts) map.set(value.id, copy(value));
}

function snapshot(state: State): State {
  return {
    rows: new Map(state.rows),
    shadows: new Map(state.shadows),
    conflicts: new Map(state.conflicts),
    ops: new Map(state.ops),
    meta: { ...state.meta },
    attachments: new Map(state.attachments),
    acks: new Map(state.acks),
    nextSeq: state.nextSeq,
    nextAckSeq: state.nextAckSeq,
  };
}

const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value));
