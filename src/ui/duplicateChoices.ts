import { VISITOR_FIELD_LABELS, type VisitorData, type VisitorPatch, type VisitorField } from '../core/protocol';
import { choices, mergedRecord, mergePatch, type ChosenField, type DuplicatePair } from '../core/duplicates/mergeDuplicates';
import { outcome, type Decisions, type FieldOption } from './conflictChoices';

/**
 * The merge dialog's logic (pure), on the conflict dialog's choices: "mine" is the earlier
 * capture (the record kept), "theirs" the later one.
 */

/** One option per field both records filled differently. */
export function mergeOptions(pair: DuplicatePair): FieldOption[] {
  return choices(pair).map((field) => ({
    field,
    label: VISITOR_FIELD_LABELS[field],
    base: pair.kept.data[field],
    mine: pair.kept.data[field],
    theirs: pair.other.data[field],
  }));
}

/** The record before any choice: the automatic merges, each chosen field as the kept record has it. */
export function automaticMerge(pair: DuplicatePair): VisitorData {
  return mergedRecord(pair, {});
}

export type MergeOutcome =
  | { ok: true; record: VisitorData; patch: VisitorPatch }
  | { ok: false; errors: Partial<Record<VisitorField, string>> };

/** The kept record as the choices make it, and the edit that gets it there. */
export function mergeOutcome(pair: DuplicatePair, options: readonly FieldOption[], decisions: Decisions): MergeOutcome {
  const chosen = outcome(automaticMerge(pair), options, decisions);
  if (!chosen.ok) return chosen;
  const record = mergedRecord(pair, chosen.values as Partial<Pick<VisitorData, ChosenField>>);
  return { ok: true, record, patch: mergePatch(pair, record) };
}
