import Dexie, { type Table } from 'dexie';
import { applyAcks, newestAcked } from '../core/client/acks';
import type { LocalStore, LocalTable, LocalTransaction, LocalWrites, MetaKey } from '../core/client/localStore';
import { byId } from '../core/client/recordWrites';
import { deleteSeqs, putInSlices, readAcksOf, readById, readOpsOf } from './bulk';
import type { OutboxOp, OutpostDb } from './schema';

/** The `LocalStore` port over the app's IndexedDB database (Dexie). */
export function createDexieStore(db: OutpostDb): LocalStore {
  const storedRows = (ids: readonly string[]) => readById(db.visitors, ids).then(keyed);
  const acksOf = (ids: readonly string[]) => readAcksOf(db, ids);
  const tx: LocalTransaction = {
    rows: (ids) =>
      Dexie.Promise.all([storedRows(ids), acksOf(ids)]).then(([rows, acks]) => (acks.length ? applyAcks(rows, newestAcked(acks, ids)) : rows)),
    storedRows,
    acksOf,
    oldestAck: () => db.acks.orderBy('seq').first(),
    shadows: (ids) => readById(db.shadows, ids).then(keyed),
    conflicts: (ids) => readById(db.conflicts, ids).then(keyed),
    opsOf: (ids, known) => readOpsOf(db, ids, known).then((ops) => ops.sort((a, b) => a.seq! - b.seq!)),
    opsAfter: (after, limit) => db.outbox.where('seq').above(after).limit(limit).toArray(),
    failedOps: () => db.outbox.where('state').equals('failed').toArray(),
    opsByOthers: (userId) => opsByOthers(db, userId),
    // Ops are pending or failed; a primary-key count is cheaper than counting an index.
    opCount: () => db.outbox.count(),
    meta: (keys) => db.meta.bulkGet([...keys]).then((rows) => rows.map((r) => r?.value) as never),
    attachments: (hashes) => db.attachments.bulkGet([...hashes]).then((rows) => new Map(rows.flatMap((r) => (r ? [[r.hash, r]] : [])))),
    pendingAttachments: (limit) => pendingAttachments(db).limit(limit).toArray(),
    write: (writes) => write(db, writes),
  };
  return {
    transaction(tables, work) {
      // The journal goes with the rows: reading a row reads it.
      const all = tables.includes('visitors') ? [...tables.map((t) => tableOf(db, t)), db.acks] : tables.map((t) => tableOf(db, t));
      return db.transaction('rw', all, () => work(tx));
    },
  };
}

function tableOf(db: OutpostDb, name: LocalTable): Table {
  return db[name] as Table;
}

/** Every list as one bulk request, all issued at once (IndexedDB runs them in order). */
function write(db: OutpostDb, w: LocalWrites): Promise<void> {
  const meta = Object.entries(w.meta ?? {}).map(([key, value]) => ({ key, value }));
  const work = Dexie.Promise.all([
    w.deleteOps?.length ? deleteSeqs(db, [...w.deleteOps]) : null,
    w.addOps?.length ? db.outbox.bulkAdd(w.addOps) : null,
    w.putOps?.length ? db.outbox.bulkPut(w.putOps) : null,
    w.putRows?.length ? putInSlices(db.visitors, w.putRows) : null,
    // Added, not put: the tallies then need not look for rows they replace (db/tallyMiddleware.ts).
    w.addRows?.length ? putInSlices(db.visitors, w.addRows, { add: true }) : null,
    w.deleteRows?.length ? db.visitors.bulkDelete(w.deleteRows) : null,
    w.putShadows?.length ? db.shadows.bulkPut(w.putShadows) : null,
    w.deleteShadows?.length ? db.shadows.bulkDelete(w.deleteShadows) : null,
    w.putConflicts?.length ? db.conflicts.bulkPut(w.putConflicts) : null,
    w.deleteConflicts?.length ? db.conflicts.bulkDelete(w.deleteConflicts) : null,
    meta.length ? db.meta.bulkPut(meta) : null,
    w.deleteMeta?.length ? db.meta.bulkDelete([...w.deleteMeta] as MetaKey[]) : null,
    w.putAttachments?.length ? db.attachments.bulkPut(w.putAttachments) : null,
    w.addAcks?.length ? db.acks.bulkAdd(w.addAcks) : null,
    w.deleteAcks?.length ? db.acks.bulkDelete(w.deleteAcks) : null,
  ]);
  return work.then(() => undefined);
}

/** Queued ops whose author is not `userId` (any author, for null), in seq order; ops with no author are not in the index. */
export function opsByOthers(db: OutpostDb, userId: string | null): Promise<OutboxOp[]> {
  const index = db.outbox.where('author.id');
  const found = userId === null ? index.notEqual('') : index.notEqual(userId);
  return found.toArray().then((ops) => ops.sort((a, b) => a.seq! - b.seq!));
}

/** The photos waiting for upload, oldest first. */
export function pendingAttachments(db: OutpostDb) {
  return db.attachments.where('[state+addedAt]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);
}

function keyed<T extends { id: string }>(rows: readonly (T | undefined)[]): Map<string, T> {
  return byId(rows.filter((r): r is T => r !== undefined));
}
