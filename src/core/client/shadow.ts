import type { LocalVisitor, Shadow } from './types';

/**
 * Shadows are stored lazily. Writing a shadow row next to every synced visitor row doubles the
 * IndexedDB requests of a drain or a pull, and requests — not bytes — are what IndexedDB
 * charges for (about 35 µs each in Chromium). A synced row is exactly the server version, so
 * the shadow is only written while the row differs from it, and for tombstones.
 */

/** The record's server version: the stored shadow, or the synced row itself (whichever is newer). */
export function effectiveShadow(stored: Shadow | undefined, row: LocalVisitor | undefined): Shadow | undefined {
  const implied: Shadow | undefined =
    row && row.syncState === 'synced' && row.serverRev !== undefined
      ? { id: row.id, collection: 'visitors', rev: row.serverRev, deleted: false, data: row.data }
      : undefined;
  if (!stored) return implied;
  if (!implied) return stored;
  return implied.rev > stored.rev ? implied : stored;
}

/** Whether `shadow` has to be stored next to `row` (else the row implies it). */
export function mustStoreShadow(shadow: Shadow | undefined, row: LocalVisitor | null): shadow is Shadow {
  if (!shadow) return false;
  return shadow.deleted || !row || row.syncState !== 'synced' || row.serverRev !== shadow.rev;
}

/** Each record's server version: its stored shadow, or its synced row. */
export function effectiveShadows(
  ids: readonly string[],
  stored: ReadonlyMap<string, Shadow>,
  rows: ReadonlyMap<string, LocalVisitor>,
): Map<string, Shadow> {
  const shadows = new Map<string, Shadow>();
  for (const id of ids) {
    const s = effectiveShadow(stored.get(id), rows.get(id));
    if (s) shadows.set(id, s);
  }
  return shadows;
}
