import {
  VISITOR_FIELDS,
  VISITOR_FIELD_LABELS,
  VISITOR_FIELD_POLICIES,
  type VisitorData,
  type VisitorField,
  type VisitorPatch,
} from '../core/protocol';
import type { ConflictRecord } from '../core/client/types';
import { offeredMerge } from '../core/merge/mergeField';
import { sameValue } from '../core/values';
import { fromFormValues, toFormValues, type VisitorFormValues } from './visitorFormValues';
import { isYesNoField } from './displayValue';

/**
 * The conflict dialog's logic (pure): what each contended field offers, and the record that
 * follows from the person's choices. The dialog only renders this.
 */

export type Choice = 'mine' | 'theirs' | 'merged' | 'custom';

export interface FieldOption {
  field: VisitorField;
  label: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  /** Offered for lists and notes; absent where no merge exists. */
  merged?: unknown;
}

export interface FieldDecision {
  choice: Choice;
  /** The custom value as typed (the form's text for that field). */
  custom: string;
}

export type Decisions = Partial<Record<VisitorField, FieldDecision>>;

/** A merge of both sides, for the fields whose policy allows one. */
export function mergedValue(field: VisitorField, base: unknown, mine: unknown, theirs: unknown): unknown {
  return offeredMerge(VISITOR_FIELD_POLICIES[field], base, mine, theirs);
}

/** One option set per contended field, in the form's field order. */
export function fieldOptions(conflict: ConflictRecord): FieldOption[] {
  const contended = new Set(conflict.fields);
  return VISITOR_FIELDS.filter((f) => contended.has(f)).map((field) => {
    const base = (conflict.base as Record<string, unknown>)[field];
    const mine = (conflict.mine as Record<string, unknown>)[field];
    const theirs = conflict.theirs[field];
    const merged = mergedValue(field, base, mine, theirs);
    const offersMerge = merged !== undefined && !sameValue(merged, mine) && !sameValue(merged, theirs);
    return { field, label: VISITOR_FIELD_LABELS[field], base, mine, theirs, ...(offersMerge ? { merged } : {}) };
  });
}

/** What the dialog starts with: "Mine" everywhere, custom text prefilled with mine. */
export function initialDecisions(options: readonly FieldOption[], current: VisitorData): Decisions {
  return Object.fromEntries(
    options.map((o) => [o.field, { choice: 'mine' as const, custom: asFormText(o.field, o.mine, current) }]),
  );
}

/** Every field set to the same side. */
export function allOf(options: readonly FieldOption[], decisions: Decisions, choice: 'mine' | 'theirs'): Decisions {
  return Object.fromEntries(options.map((o) => [o.field, { choice, custom: decisions[o.field]?.custom ?? '' }]));
}

/** A value as the form would show it in the field's input. */
export function asFormText(field: VisitorField, value: unknown, current: VisitorData): string {
  return String(toFormValues({ ...current, [field]: value } as VisitorData)[field]);
}

export type Outcome =
  | { ok: true; record: VisitorData; values: VisitorPatch }
  | { ok: false; errors: Partial<Record<VisitorField, string>> };

/** A custom value typed for `field`, parsed and checked as the form does. */
export function parseCustom(field: VisitorField, text: string, current: VisitorData): { ok: true; value: unknown } | { ok: false; error: string } {
  const form: VisitorFormValues = toFormValues(current);
  (form as unknown as Record<string, unknown>)[field] = isYesNoField(field) ? text === 'true' : text;
  const parsed = fromFormValues(form);
  if (parsed.ok) return { ok: true, value: parsed.data[field] };
  const error = parsed.errors[field];
  return error ? { ok: false, error } : { ok: true, value: (form as unknown as Record<string, unknown>)[field] };
}

/**
 * The record the choices produce: the visitor as shown now (`current`: the server's version
 * with this device's edits) with each contended field as chosen.
 */
export function outcome(current: VisitorData, options: readonly FieldOption[], decisions: Decisions): Outcome {
  const values: Record<string, unknown> = {};
  const errors: Partial<Record<VisitorField, string>> = {};
  for (const o of options) {
    const decision = decisions[o.field] ?? { choice: 'mine', custom: '' };
    if (decision.choice === 'custom') {
      const parsed = parseCustom(o.field, decision.custom, current);
      if (parsed.ok) values[o.field] = parsed.value;
      else errors[o.field] = parsed.error;
    } else {
      values[o.field] = decision.choice === 'merged' && 'merged' in o ? o.merged : decision.choice === 'theirs' ? o.theirs : o.mine;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, record: { ...current, ...(values as VisitorPatch) }, values: values as VisitorPatch };
}

/** The fields whose value in `a` differs from `b` (what "their change" was, for a delete-update). */
export function changedBetween(base: Record<string, unknown>, next: Record<string, unknown>): VisitorField[] {
  return VISITOR_FIELDS.filter((f) => f in next && !sameValue(base[f], next[f]));
}
