import { z } from 'zod';
import { queryInteger } from './text';

/** What a history entry records: `restore` is a create over a tombstone. */
export const HISTORY_KINDS = ['create', 'update', 'delete', 'restore'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** For each changed field, its value before (null when it did not exist) and after. */
export const fieldChangesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export const historyEntrySchema = z.object({
  rev: z.number().int().nonnegative(),
  kind: z.enum(HISTORY_KINDS),
  at: z.string(),
  /** Email of the person who made the change. */
  by: z.string().nullable(),
  changes: fieldChangesSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 200;

/** `GET /api/visitors/:id/history`: the record's id, and the page (`before`: entries older than this rev). */
export const historyParamsSchema = z.object({ id: z.string().uuid() });
export const historyQuerySchema = z.object({
  before: queryInteger(1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  limit: queryInteger(1, MAX_HISTORY_LIMIT, DEFAULT_HISTORY_LIMIT),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/**
 * `GET /api/visitors/:id/history`: one page, newest first. With `hasMore`, `nextBefore` is the
 * oldest entry's rev: ask with `?before=` it for the next page.
 */
export const historyResponseSchema = z.object({
  entries: z.array(historyEntrySchema),
  hasMore: z.boolean(),
  nextBefore: z.number().int().positive().nullable(),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
