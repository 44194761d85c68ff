import { v7 as uuidv7 } from 'uuid';
import { visitorDataSchema, visitorPatchSchema, type VisitorData, type VisitorPatch } from '../core/protocol';
import type { OutpostDb } from '../db/schema';
import type { ConflictRecord, OutboxOp, Shadow } from '../core/client/types';
import { getMetas } from '../db/meta';
import { foldOps } from '../core/client/coalesce';
import { foldEditIntoConflict } from '../core/client/conflict';
import { changedFields, isEmpty, pick, sameValue } from '../core/values';
import { computeRow, sortNameOf } from '../core/client/row';
import { effectiveShadow, mustStoreShadow } from '../core/client/shadow';
import { RecordNotFoundError } from './errors';
import { validate } from './validation';

export interface VisitorsRepository {
  /** Validates, stores and queues a new visitor; returns its id. */
  create(data: VisitorData): Promise<string>;
  /** Many new visitors in one transaction (an import, a QA scenario); all valid or none stored. */
  createMany(data: readonly VisitorData[]): Promise<string[]>;
  /** Changes the given fields. Fields that do not change are left out; no change at all is a no-op. */
  update(id: string, patch: VisitorPatch): Promise<void>;
  /** Deletes the visitor here and queues the delete. Deleting a record in conflict settles the conflict. */
  remove(id: string): Promise<void>;
  /** Drops a rejected change (and the record's later changes); the row goes back to the server's version. */
  discardFailed(id: string): Promise<void>;
  /**
   * Settles the record's open conflict with the person's choice. What must reach the server
   * goes as an ordinary op whose base is the server's values shown in the dialog, so a server
   * that moved again meanwhile answers with a new conflict rather than being overwritten.
   */
  resolveConflict(id: string, resolution: ConflictResolution): Promise<void>;
}

export type ConflictResolution =
  /** update-update: the chosen value of each contended field (mine, theirs, merged or custom). */
  | { choice: 'values'; values: VisitorPatch }
  /** update-delete: bring the record back with this device's version. */
  | { choice: 'restore' }
  /** update-delete: let the deletion stand; this device's edits are dropped. */
  | { choice: 'accept-deletion' }
  /** delete-update: delete it although someone changed it. */
  | { choice: 'delete-anyway' }
  /** delete-update: keep the record as the server has it. */
  | { choice: 'keep-theirs' };

export interface VisitorsRepositoryOptions {
  now?: () => Date;
  newId?: () => string;
}

const COLLECTION = 'visitors' as const;

/**
 * The UI's only way to change visitors. Each call is one Dexie transaction that writes the row
 * and its outbox op together (DESIGN §2.1); the network is never awaited.
 */
export function createVisitorsRepository(
  db: OutpostDb,
  { now = () => new Date(), newId = uuidv7 }: VisitorsRepositoryOptions = {},
): VisitorsRepository {
  const tables = [db.visitors, db.outbox, db.meta, db.conflicts, db.shadows];

  /** What a write needs to know about one record, read inside the write's transaction. */
  async function load(id: string) {
    const [row, storedShadow, conflict, ops, [inflightThrough, sentThrough]] = await Promise.all([
      db.visitors.get(id),
      db.shadows.get(id),
      db.conflicts.get(id),
      db.outbox.where('id').equals(id).toArray(),
      getMetas(db, ['inflightThrough', 'sentThrough'] as const),
    ]);
    ops.sort((a, b) => a.seq! - b.seq!);
    const shadow = effectiveShadow(storedShadow, row);
    const frozenThrough = Math.max(inflightThrough ?? 0, sentThrough ?? 0);
    return { row, shadow, storedShadow, conflict, ops, frozenThrough };
  }

  /**
   * Queues `op` after the record's `ops`, coalescing where allowed: into a rejected op and the
   * held ops behind it (none of them reached the server's data), or into the last op if it was
   * never sent. An op that may have been sent is never changed: its opId might already be applied.
   */
  async function enqueue(ops: OutboxOp[], op: OutboxOp, frozenThrough: number): Promise<OutboxOp[]> {
    const firstFailed = ops.findIndex((o) => o.state === 'failed');
    const last = ops[ops.length - 1];
    const chainStart = firstFailed >= 0 ? firstFailed : last && last.seq! > frozenThrough ? ops.length - 1 : ops.length;
    const chain = ops.slice(chainStart);
    const folded = foldOps([...chain, op]);

    const keptSeqs = new Set(folded.map((o) => o.seq));
    const dropped = chain.map((o) => o.seq!).filter((s) => !keptSeqs.has(s));
    if (dropped.length) await db.outbox.bulkDelete(dropped);
    for (const o of folded) {
      if (o.seq === undefined) o.seq = await db.outbox.add(o);
      else if (o !== chain.find((c) => c.seq === o.seq)) await db.outbox.put(o);
    }
    return [...ops.slice(0, chainStart), ...folded];
  }

  /** Writes the record's row as it now follows from what is known, and its shadow if the row no longer implies it. */
  async function writeRow(
    { id, shadow, storedShadow }: { id: string; shadow: Shadow | undefined; storedShadow: Shadow | undefined },
    conflict: ConflictRecord | undefined,
    ops: OutboxOp[],
  ) {
    const row = computeRow(id, shadow, conflict, ops, now().getTime());
    await Promise.all([
      row ? db.visitors.put(row) : db.visitors.delete(id),
      mustStoreShadow(shadow, row)
        ? shadow !== storedShadow && db.shadows.put(shadow)
        : storedShadow && db.shadows.delete(id),
    ]);
  }

  function newOp(id: string, fields: Pick<OutboxOp, 'kind' | 'data' | 'patch' | 'base'>, baseRev?: number): OutboxOp {
    return {
      opId: newId(),
      collection: COLLECTION,
      id,
      ...fields,
      ...(baseRev === undefined ? {} : { baseRev }),
      state: 'pending',
      attempts: 0,
      createdAt: now().getTime(),
    };
  }

  return {
    async create(input) {
      const data = validate(visitorDataSchema, input);
      const id = newId();
      const op = newOp(id, { kind: 'create', data });
      await db.transaction('rw', [db.visitors, db.outbox], async () => {
        await Promise.all([
          db.visitors.add({ id, data, syncState: 'pending', sortName: sortNameOf(data), localUpdatedAt: op.createdAt }),
          db.outbox.add(op),
        ]);
      });
      return id;
    },

    async createMany(inputs) {
      const records = inputs.map((input) => {
        const data = validate(visitorDataSchema, input);
        const id = newId();
        return { id, data, op: newOp(id, { kind: 'create', data }) };
      });
      await db.transaction('rw', [db.visitors, db.outbox], async () => {
        await Promise.all([
          db.visitors.bulkAdd(
            records.map(({ id, data, op }) => ({ id, data, syncState: 'pending' as const, sortName: sortNameOf(data), localUpdatedAt: op.createdAt })),
          ),
          db.outbox.bulkAdd(records.map((r) => r.op)),
        ]);
      });
      return records.map((r) => r.id);
    },

    async update(id, input) {
      const patch = validate(visitorPatchSchema, input);
      await db.transaction('rw', tables, async () => {
        const record = await load(id);
        const { row, shadow, conflict, ops, frozenThrough } = record;
        if (!row) throw new RecordNotFoundError(COLLECTION, id);
        const changes = changedFields(row.data, patch);
        if (isEmpty(changes)) return;
        if (conflict) {
          // Not queued: it goes out with the person's resolution of the conflict.
          const folded = foldEditIntoConflict(conflict, changes, row.data);
          await db.conflicts.put(folded);
          await writeRow({ id, ...record }, folded, ops);
          return;
        }
        const op = newOp(id, { kind: 'update', patch: changes, base: pick(row.data, Object.keys(changes)) }, shadow?.rev);
        await writeRow({ id, ...record }, undefined, await enqueue(ops, op, frozenThrough));
      });
    },

    async remove(id) {
      await db.transaction('rw', tables, async () => {
        const record = await load(id);
        const { row, shadow, conflict, ops, frozenThrough } = record;
        if (!row) return; // already gone
        if (conflict) await db.conflicts.delete(id);
        const op = newOp(id, { kind: 'delete', base: { ...row.data } }, shadow?.rev);
        await writeRow({ id, ...record }, undefined, await enqueue(ops, op, frozenThrough));
      });
    },

    async resolveConflict(id, resolution) {
      const values = resolution.choice === 'values' ? validate(visitorPatchSchema, resolution.values) : {};
      await db.transaction('rw', tables, async () => {
        const record = await load(id);
        const { row, shadow, conflict, ops, frozenThrough } = record;
        if (!conflict || !shadow) return; // settled already (another tab)
        await db.conflicts.delete(id);
        let op: OutboxOp | null = null;
        switch (resolution.choice) {
          case 'values': {
            // Contended fields start from the server values shown; edits made while the
            // conflict was open start from where this device was (a later server change to
            // them is a new conflict, not an overwrite).
            const wanted: Record<string, unknown> = { ...conflict.mine, ...values };
            const base: Record<string, unknown> = { ...conflict.base, ...pick(conflict.theirs, conflict.fields) };
            const patch = Object.fromEntries(Object.entries(wanted).filter(([f, v]) => !sameValue(v, base[f])));
            if (!isEmpty(patch)) {
              op = newOp(id, { kind: 'update', patch: patch as VisitorPatch, base: pick(base, Object.keys(patch)) }, shadow.rev);
            }
            break;
          }
          case 'restore':
            op = newOp(id, { kind: 'create', data: validate(visitorDataSchema, row?.data ?? shadow.data) });
            break;
          case 'delete-anyway':
            op = newOp(id, { kind: 'delete', base: { ...shadow.data } }, shadow.rev);
            break;
          case 'accept-deletion':
          case 'keep-theirs':
            break;
        }
        const queued = op ? await enqueue(ops, op, frozenThrough) : ops;
        await writeRow({ id, ...record }, undefined, queued);
      });
    },

    async discardFailed(id) {
      await db.transaction('rw', tables, async () => {
        const record = await load(id);
        const { conflict, ops } = record;
        const firstFailed = ops.findIndex((o) => o.state === 'failed');
        if (firstFailed < 0) return;
        await db.outbox.bulkDelete(ops.slice(firstFailed).map((o) => o.seq!));
        await writeRow({ id, ...record }, conflict, ops.slice(0, firstFailed));
      });
    },
  };
}
