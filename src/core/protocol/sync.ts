import { z } from 'zod';
import { plainString, queryInteger } from './text';
import { storedVisitorDataSchema, visitorBaseSchema, visitorDataSchema, visitorPatchSchema } from './visitor';

export const MAX_OPS_PER_PUSH = 500;
export const MAX_PUSH_BYTES = 1024 * 1024;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
/** A pull page stops before the change that would take its changes' JSON past this (but holds at least one). */
export const MAX_PULL_BYTES = 1024 * 1024;

export const COLLECTIONS = ['visitors'] as const;
export const collectionSchema = z.enum(COLLECTIONS);
export type Collection = z.infer<typeof collectionSchema>;
export const isCollection = (name: string): name is Collection => (COLLECTIONS as readonly string[]).includes(name);

export const OP_KINDS = ['create', 'update', 'delete'] as const;
export type OpKind = (typeof OP_KINDS)[number];

const uuid = z.string().uuid();
const rev = z.number().int().nonnegative();

/**
 * An operation as it travels. The envelope is checked first (so one bad op can be rejected on
 * its own by opId); the payload is checked per kind and collection by `parseOpPayload`.
 */
export const opEnvelopeSchema = z.object({
  opId: uuid,
  collection: z.string(),
  id: uuid,
  kind: z.enum(OP_KINDS),
  data: z.unknown().optional(),
  patch: z.unknown().optional(),
  base: z.unknown().optional(),
  baseRev: rev.optional(),
});
export type OpEnvelope = z.infer<typeof opEnvelopeSchema>;

export const createOpSchema = z.object({
  opId: uuid,
  collection: collectionSchema,
  id: uuid,
  kind: z.literal('create'),
  data: visitorDataSchema,
});
export const updateOpSchema = z.object({
  opId: uuid,
  collection: collectionSchema,
  id: uuid,
  kind: z.literal('update'),
  patch: visitorPatchSchema,
  /** For each patched field, its value on this device just before the edit. */
  base: visitorBaseSchema,
  /**
   * The revision of the server version this device held when it made the edit (protocol 4). Not
   * part of the merge (that reads `base`): when the record is still at this revision, the answer
   * leaves out what the device can rebuild from that version and the patch (`OpResult.patch`).
   */
  baseRev: rev.optional(),
});
export const deleteOpSchema = z.object({
  opId: uuid,
  collection: collectionSchema,
  id: uuid,
  kind: z.literal('delete'),
  /** The record's data as this device last knew it (for delete-update conflicts). */
  base: visitorBaseSchema.optional(),
});
export const syncOpSchema = z.discriminatedUnion('kind', [createOpSchema, updateOpSchema, deleteOpSchema]);
export type SyncOp = z.infer<typeof syncOpSchema>;
export type CreateOp = z.infer<typeof createOpSchema>;
export type UpdateOp = z.infer<typeof updateOpSchema>;
export type DeleteOp = z.infer<typeof deleteOpSchema>;

export const pushRequestSchema = z.object({
  clientId: plainString(100, 'clientId'),
  ops: z.array(opEnvelopeSchema).max(MAX_OPS_PER_PUSH, `At most ${MAX_OPS_PER_PUSH} operations per push`),
});
export type PushRequest = { clientId: string; ops: SyncOp[] };

export const OP_STATUSES = ['applied', 'duplicate', 'conflict', 'rejected'] as const;
export type OpStatus = (typeof OP_STATUSES)[number];

export const CONFLICT_KINDS = ['update-update', 'update-delete', 'delete-update'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const conflictInfoSchema = z.object({
  kind: z.enum(CONFLICT_KINDS),
  /** The contended fields. */
  fields: z.array(z.string()),
  /** The server's current values of those fields (for update-delete: the tombstone's last data). */
  theirs: z.record(z.string(), z.unknown()),
  theirsBy: z.string().nullable(),
  theirsAt: z.string().nullable(),
});
export type ConflictInfo = z.infer<typeof conflictInfoSchema>;

/** Why the server turned one operation down: a stable code, words for the person, the field at fault. */
export const opErrorSchema = z.object({ code: z.string(), message: z.string(), field: z.string().optional() });
export type OpError = z.infer<typeof opErrorSchema>;

/**
 * The `rejected` error code of an op the server did not get to: the push spent its work budget
 * before it (the first op of a push always runs). Nothing of it was applied; the client keeps
 * it pending and sends it again in its next batch — not a rejection of the change.
 */
export const PUSH_BUDGET_EXCEEDED = 'push_budget_exceeded';

export const opResultSchema = z.object({
  opId: z.string(),
  status: z.enum(OP_STATUSES),
  /** The record's revision after this op (or its current one for conflicts and duplicates). */
  rev: rev.optional(),
  /** The record's full server data at `rev`; absent for a deleted record, and in a compact answer. */
  record: storedVisitorDataSchema.nullable().optional(),
  /**
   * A compact answer (protocol 4) instead of `record`: the record at `rev` is the op's data (a
   * create), or the version at `baseRev` with the op's patch applied (an update), with these
   * fields over it — what the server decided differently (server-stamped fields, merges, fields
   * it kept in a conflict).
   */
  patch: visitorBaseSchema.optional(),
  /** With `patch` on an update's answer: the revision the answer builds on (the op's `baseRev`). */
  baseRev: rev.optional(),
  deleted: z.boolean().optional(),
  conflict: conflictInfoSchema.optional(),
  error: opErrorSchema.optional(),
});
export type OpResult = z.infer<typeof opResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(opResultSchema),
  cursor: rev,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  since: queryInteger(0, Number.MAX_SAFE_INTEGER, 0),
  limit: queryInteger(1, MAX_PULL_LIMIT, DEFAULT_PULL_LIMIT),
  /**
   * `compact=1` (protocol 4): the device finished a pull at `since` (its last page said no more),
   * so it holds every record at its latest revision up to `since`, and compact changes may build
   * on that. A page's cursor within a pull is no such promise: a record changed after an earlier
   * page was read comes only in a later one.
   */
  compact: z.literal('1').optional().transform((flag) => flag === '1'),
});

export const changeSchema = z.object({
  collection: collectionSchema,
  id: uuid,
  rev,
  deleted: z.boolean(),
  /** The record's data at `rev`; a tombstone's is its last data. */
  data: storedVisitorDataSchema,
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Change = z.infer<typeof changeSchema>;

/**
 * A compact change (protocol 4), sent instead of the whole `data` for a record that was live at
 * the pull's `since` and has only been updated since: `patch` holds the current values of the
 * fields changed after `since`, to apply over this device's version of the record, which is at
 * `baseRev` (the record's last revision up to `since`) or newer (docs/ARCHITECTURE.md, "Pull").
 */
export const compactChangeSchema = changeSchema.omit({ data: true, deleted: true }).extend({
  deleted: z.literal(false),
  baseRev: rev,
  patch: visitorBaseSchema,
});
export type CompactChange = z.infer<typeof compactChangeSchema>;
/** A change as a pull answers it: whole, or compact. */
export type PulledChange = Change | CompactChange;

export function isCompactChange(change: PulledChange): change is CompactChange {
  return !('data' in change) || change.data === undefined;
}

/** One page of changes as storage reads it: whole records. */
export interface PullPage {
  changes: Change[];
  cursor: number;
  hasMore: boolean;
  /** As in the answer (`pullResponseSchema`). */
  remaining?: number;
}

export const pullResponseSchema = z.object({
  changes: z.array(z.union([changeSchema, compactChangeSchema])),
  cursor: rev,
  hasMore: z.boolean(),
  /**
   * How many changes come after this page (records whose revision is above `cursor`), for a
   * progress bar: a hint counted beside the page, not a promise. Servers before it sent none.
   */
  remaining: z.number().int().nonnegative().optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** The shape of every non-2xx JSON answer from the server. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
