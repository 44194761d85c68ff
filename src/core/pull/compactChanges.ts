import type { Change, HistoryKind, PulledChange } from '../protocol';
import { pick } from '../values';

/** One history entry of a record, as a pull's compaction reads it: which fields it changed. */
export interface HistoryMark {
  collection: string;
  id: string;
  rev: number;
  kind: HistoryKind;
  fields: readonly string[];
}

/**
 * A pull page's changes in the compact form of protocol 4 where that is sound
 * (docs/ARCHITECTURE.md, "Pull"), else whole. `marks`: the history of the page's records, every
 * entry after `since` and at least the last one up to it (more are ignored).
 *
 * A change is compact when its record was live at `since` (its last entry up to `since` is not
 * a delete: that entry's rev is the `baseRev`) and has only been updated after it, among them
 * at the change's own rev. Its patch is the change's values of every field those updates
 * changed. A device whose cursor is `since` holds the record at `baseRev` or newer (it has
 * applied every change up to `since`, and a version only moves forward); no field outside the
 * patch has changed since `baseRev`, so the patch over that version is the record at `rev`.
 * History read after the records may hold later entries too: their fields only widen the
 * patch, with values still taken from the change.
 */
export function compactChanges(changes: readonly Change[], since: number, marks: readonly HistoryMark[]): PulledChange[] {
  const byRecord = new Map<string, HistoryMark[]>();
  for (const mark of marks) {
    const key = `${mark.collection}/${mark.id}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), mark]);
  }
  return changes.map((change) => compactChange(change, since, byRecord.get(`${change.collection}/${change.id}`) ?? []));
}

function compactChange(change: Change, since: number, marks: readonly HistoryMark[]): PulledChange {
  if (change.deleted || change.rev <= since) return change;
  const before = marks.filter((m) => m.rev <= since);
  const after = marks.filter((m) => m.rev > since);
  const base = before.reduce<HistoryMark | null>((last, m) => (!last || m.rev > last.rev ? m : last), null);
  if (!base || base.kind === 'delete') return change;
  if (!after.some((m) => m.rev === change.rev) || after.some((m) => m.kind !== 'update')) return change;
  const fields = new Set(after.flatMap((m) => m.fields));
  if ([...fields].some((f) => !Object.hasOwn(change.data, f))) return change;
  const { data, ...rest } = change;
  return { ...rest, deleted: false, baseRev: base.rev, patch: pick(data, fields) };
}
