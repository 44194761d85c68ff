import { v7 as uuidv7 } from 'uuid';
import { visitorDataSchema, visitorPatchSchema, type VisitorData, type VisitorPatch } from '../core/protocol';
import { ALL_TABLES, mergeWrites, type LocalStore, type LocalTransaction, type LocalWrites } from '../core/client/localStore';
import {
  planCreate,
  planDiscardFailed,
  planRemove,
  planResolve,
  planUpdate,
  type ConflictResolution,
  type NewOp,
  type RecordState,
} from '../core/client/localWrite';
import { effectiveShadow } from '../core/client/shadow';
import { authorOf } from '../core/client/author';
import type { LocalAttachment, LocalVisitor, OpAuthor, OutboxOp } from '../core/client/types';
import { keepPhoto, preparePhoto, type PhotoInput } from './photos';
import { RecordNotFoundError } from './errors';
import { validate } from './validation';

export type { ConflictResolution } from '../core/client/localWrite';
export type { PhotoInput } from './photos';

export interface VisitorsRepository {
  /** Validates, stores and queues a new visitor (with its card photo, in the same transaction); returns its id. */
  create(data: VisitorData, options?: { photo?: PhotoInput }): Promise<string>;
  /** Many new visitors in one transaction (an import, a QA scenario); all valid or none stored. */
  createMany(data: readonly VisitorData[]): Promise<string[]>;
  /**
   * Restores visitors from a backup, in one transaction: each one this device does not know yet
   * becomes an ordinary create under its original id (with the photos it names); the ones it
   * knows are skipped. Nothing is duplicated: the server takes a create of a record it has, with
   * the same data, as already applied.
   */
  restore(records: readonly { id: string; data: VisitorData }[], photos: readonly PhotoInput[]): Promise<{ restored: number; skipped: number }>;
  /**
   * Changes the given fields. Fields that do not change are left out; no change at all is a
   * no-op. `photo` sets the card photo (stored in the same transaction), null removes it.
   */
  update(id: string, patch: VisitorPatch, options?: { photo?: PhotoInput | null }): Promise<void>;
  /** Deletes the visitor here and queues the delete. Deleting a record in conflict settles the conflict. */
  remove(id: string): Promise<void>;
  /** Drops a rejected change (and the record's later changes); the row goes back to the server's version. */
  discardFailed(id: string): Promise<void>;
  /**
   * Settles the record's open conflict with the person's choice (core/client/localWrite.ts):
   * what must reach the server goes as an ordinary op based on the server's values shown.
   */
  resolveConflict(id: string, resolution: ConflictResolution): Promise<void>;
  /**
   * Merges two records of the same person, in one transaction: `keptId` takes `patch` (the merge
   * the person chose, core/duplicates/mergeDuplicates.ts) and `otherId` is deleted — both as
   * ordinary ops, so a teammate's concurrent edit of either becomes a conflict, never a loss.
   */
  mergeDuplicates(keptId: string, otherId: string, patch: VisitorPatch): Promise<void>;
  /** "Not the same person": the pair is no longer a possible duplicate, on every device (an ordinary edit of `distinctFrom`). */
  dismissDuplicate(id: string, otherId: string): Promise<void>;
}

export interface VisitorsRepositoryOptions {
  now?: () => Date;
  newId?: () => string;
  /** Told after every committed write that queued something: the sync schedule drains it. */
  onQueued?: () => void;
}

const COLLECTION = 'visitors' as const;

/**
 * The UI's only way to change visitors. Each call is one transaction that writes the row and its
 * outbox op together (invariant 1 of docs/ARCHITECTURE.md); the network is never awaited, and
 * every write that queued an op tells the sync schedule, whichever path it came by. Each op
 * keeps its author, the person whose session is stored (meta `session`) when it is written.
 */
export function createVisitorsRepository(
  store: LocalStore,
  { now = () => new Date(), newId = uuidv7, onQueued = () => {} }: VisitorsRepositoryOptions = {},
): VisitorsRepository {
  const newOpFor = opMaker(newId, now);
  /** Plans against the record's state and writes the plan (and a new photo), in one transaction. */
  const change = (id: string, plan: Plan, photo?: LocalAttachment) => changeAll([[id, plan]], photo);

  /** `change` for several records at once: every plan, or none, is written. */
  async function changeAll(plans: readonly (readonly [string, Plan])[], photo?: LocalAttachment): Promise<void> {
    const writes = await store.transaction(ALL_TABLES, async (tx) => {
      let all: LocalWrites | null = null;
      for (const [id, plan] of plans) {
        const { state, author } = await load(tx, id);
        const planned = plan(state, newOpFor(id, author), now().getTime());
        if (planned) all = all ? mergeWrites(all, planned) : planned;
      }
      if (all) await tx.write(photo ? mergeWrites(all, await keepPhoto(tx, photo)) : all);
      return all;
    });
    if (writes?.addOps?.length || writes?.putOps?.length) onQueued();
  }

  async function createAll(inputs: readonly VisitorData[], photo?: LocalAttachment): Promise<string[]> {
    const valid = inputs.map((input) => ({ id: newId(), data: validate(visitorDataSchema, photo ? { ...input, cardPhoto: photo.hash } : input) }));
    await store.transaction(['visitors', 'outbox', 'attachments', 'meta'], async (tx) => {
      const [session] = await tx.meta(['session'] as const);
      const author = authorOf(session);
      const records = valid.map(({ id, data }) => ({ id, data, op: newOpFor(id, author)({ kind: 'create', data }) }));
      await tx.write(photo ? mergeWrites(planCreate(records), await keepPhoto(tx, photo)) : planCreate(records));
    });
    if (valid.length) onQueued();
    return valid.map((r) => r.id);
  }

  return {
    async create(input, { photo } = {}) {
      return (await createAll([input], photo ? await preparePhoto(photo, now().getTime()) : undefined))[0]!;
    },
    createMany: (inputs) => createAll(inputs),
    async restore(records, photos) {
      const prepared = await Promise.all(photos.map((photo) => preparePhoto(photo, now().getTime())));
      const restored = await store.transaction(['visitors', 'shadows', 'outbox', 'attachments', 'meta'], async (tx) => {
        const ids = records.map((r) => r.id);
        const [rows, shadows, [session]] = await Promise.all([tx.rows(ids), tx.shadows(ids), tx.meta(['session'] as const)]);
        const fresh = records.filter((r) => !rows.has(r.id) && !shadows.has(r.id));
        const author = authorOf(session);
        const creates = fresh.map(({ id, data }) => ({ id, data, op: newOpFor(id, author)({ kind: 'create', data }) }));
        const named = new Set(fresh.map((r) => r.data.cardPhoto).filter((hash): hash is string => hash !== null));
        let writes = planCreate(creates);
        for (const photo of prepared) if (named.has(photo.hash)) writes = mergeWrites(writes, await keepPhoto(tx, photo));
        await tx.write(writes);
        return fresh.length;
      });
      if (restored > 0) onQueued();
      return { restored, skipped: records.length - restored };
    },
    async update(id, input, { photo } = {}) {
      const attachment = photo ? await preparePhoto(photo, now().getTime()) : undefined;
      const patch = validate(visitorPatchSchema, photo === undefined ? input : { ...input, cardPhoto: attachment?.hash ?? null });
      await change(id, updatePlan(patch), attachment);
    },
    remove: (id) => change(id, planRemove),
    async resolveConflict(id, resolution) {
      const checked: ConflictResolution =
        resolution.choice === 'values' ? { choice: 'values', values: validate(visitorPatchSchema, resolution.values) } : resolution;
      return change(id, (state, newOp, t) => planResolve(state, checked, newOp, t));
    },
    discardFailed: (id) => change(id, (state, _newOp, t) => planDiscardFailed(state, t)),
    mergeDuplicates: (keptId, otherId, patch) =>
      changeAll([
        [keptId, updatePlan(validate(visitorPatchSchema, patch))],
        [otherId, removeExisting],
      ]),
    dismissDuplicate: (id, otherId) => change(id, dismissPlan(otherId)),
  };
}

/** Makes the new ops of record `id` by `author`: a fresh opId, the device clock. */
function opMaker(newId: () => string, now: () => Date) {
  return (id: string, author: OpAuthor | undefined): NewOp =>
    (fields) => ({
      opId: newId(),
      collection: COLLECTION,
      id,
      ...fields,
      state: 'pending',
      attempts: 0,
      createdAt: now().getTime(),
      ...(author ? { author } : {}),
    });
}

type Plan = (state: RecordState, newOp: NewOp, now: number) => LocalWrites | null;

function existing(state: RecordState): LocalVisitor {
  if (!state.row) throw new RecordNotFoundError(COLLECTION, state.id);
  return state.row;
}

const updatePlan =
  (patch: VisitorPatch): Plan =>
  (state, newOp, t) => {
    existing(state);
    return planUpdate(state, patch, newOp, t);
  };

const removeExisting: Plan = (state, newOp, t) => {
  existing(state);
  return planRemove(state, newOp, t);
};

const dismissPlan =
  (otherId: string): Plan =>
  (state, newOp, t) => {
    const { distinctFrom } = existing(state).data;
    return distinctFrom.includes(otherId) ? null : planUpdate(state, { distinctFrom: [...distinctFrom, otherId] }, newOp, t);
  };

/** What a write needs to know about one record, and who is writing, read inside the write's transaction. */
async function load(tx: LocalTransaction, id: string): Promise<{ state: RecordState; author: OpAuthor | undefined }> {
  const [rows, shadows, conflicts, ops, [inflightThrough, sentThrough, session]] = await Promise.all([
    tx.rows([id]),
    tx.shadows([id]),
    tx.conflicts([id]),
    tx.opsOf([id]),
    tx.meta(['inflightThrough', 'sentThrough', 'session'] as const),
  ]);
  const row = rows.get(id);
  const storedShadow = shadows.get(id);
  const state: RecordState = {
    id,
    row,
    shadow: effectiveShadow(storedShadow, row),
    storedShadow,
    conflict: conflicts.get(id),
    ops: ops as OutboxOp[],
    frozenThrough: Math.max(inflightThrough ?? 0, sentThrough ?? 0),
  };
  return { state, author: authorOf(session) };
}
