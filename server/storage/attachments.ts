import type { PlannedRecord } from '../../src/core/push/planPush';

/*
 * What both storages share about attachments (docs/ARCHITECTURE.md, "Wire protocol"). An
 * attachment is referenced when a live record of its workspace names it; the storages keep that
 * name in `records.card_photo`, written with each record, because PostgreSQL cannot be trusted
 * to read it out of the JSON text: `->>` fails on a whole row whose notes hold `\u0000`.
 */

const HOUR = 60 * 60 * 1000;

/**
 * How long an unreferenced attachment is kept. The client uploads a photo before it pushes the op
 * that names it, possibly long before (offline, a failing push), so young ones are never collected.
 */
export const ATTACHMENT_GRACE_MS = 24 * HOUR;

/** The time before which an unreferenced attachment may be collected, seen from `at`. */
export function graceCutoff(at: string, graceMs = ATTACHMENT_GRACE_MS): string {
  return new Date(Date.parse(at) - graceMs).toISOString();
}

/** The photo a record keeps alive: none for a tombstone, so deleting a visitor drops it. */
export function livePhotoOf(record: Pick<PlannedRecord, 'deleted' | 'data'>): string | null {
  // A record stored before the field existed, then patched, may not carry it.
  return record.deleted ? null : (record.data.cardPhoto ?? null);
}
