import { z } from 'zod';

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

/** `GET /api/visitors/:id/history`: newest first. */
export const historyResponseSchema = z.object({ entries: z.array(historyEntrySchema) });
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
