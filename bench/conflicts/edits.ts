import type { VisitorData, VisitorField, VisitorPatch } from '../../src/core/protocol';
import { FIRST_NAMES, INTERESTS, LAST_NAMES, NOTE_PHRASES, TITLE_AREAS, TITLES, type AbstractEdit, type EditKind } from './workload';

/**
 * Turns an abstract edit into a concrete change against the data the device shows (pure), with
 * the person's intent as a predicate on a record: what must hold afterwards for the edit to
 * have survived. Every edit changes something; edits that cannot apply as drawn fall back
 * (removing from no interests adds one, editing a line of empty notes appends one).
 */

export type EditField = VisitorField | 'record';

export interface ConcreteEdit {
  kind: EditKind;
  field: EditField;
  /** The changed fields' new values; absent for a delete. */
  patch?: VisitorPatch;
  /** Whether the edit's effect is present in `data` (null: deleted or absent). */
  holds(data: VisitorData | null): boolean;
}

const lines = (notes: string) => (notes === '' ? [] : notes.split('\n'));

export function materialize(edit: AbstractEdit, data: VisitorData): ConcreteEdit {
  const { n, r1, r2 } = edit;
  const at = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)]!;
  const scalar = <F extends VisitorField>(field: F, value: VisitorData[F]): ConcreteEdit => ({
    kind: edit.kind,
    field,
    patch: { [field]: value } as VisitorPatch,
    holds: (d) => d !== null && JSON.stringify(d[field]) === JSON.stringify(value),
  });

  switch (edit.kind) {
    case 'name':
      return scalar('name', `${at(FIRST_NAMES, r1)} ${at(LAST_NAMES, r2)}-${n}`);
    case 'company':
      return scalar('company', `${at(['Northwind', 'Globex', 'Initech', 'Hooli', 'Acme'], r1)} ${n}`);
    case 'title':
      return scalar('title', `${at(TITLES, r1)}, ${at(TITLE_AREAS, r2)} ${n}`);
    case 'phone':
      return scalar('phone', `+1 555 ${String(10_000_000 + n).slice(1)}`);
    case 'email':
      return scalar('email', `${at(FIRST_NAMES, r1)}.${n}@example.org`.toLowerCase());
    case 'rating':
      return scalar('rating', (data.rating + 1 + Math.floor(r1 * 5)) % 6);
    case 'followUp':
      return scalar('followUp', !data.followUp);
    case 'addInterest': {
      const candidates = INTERESTS.filter((x) => !data.interests.includes(x));
      if (!candidates.length) return materialize({ ...edit, kind: 'removeInterest' }, data);
      const item = at(candidates, r1);
      return {
        kind: 'addInterest',
        field: 'interests',
        patch: { interests: [...data.interests, item] },
        holds: (d) => d !== null && d.interests.includes(item),
      };
    }
    case 'removeInterest': {
      if (!data.interests.length) return materialize({ ...edit, kind: 'addInterest' }, data);
      const item = at(data.interests, r1);
      return {
        kind: 'removeInterest',
        field: 'interests',
        patch: { interests: data.interests.filter((x) => x !== item) },
        holds: (d) => d !== null && !d.interests.includes(item),
      };
    }
    case 'appendNote': {
      const line = `${at(NOTE_PHRASES, r1)} (#${n})`;
      return {
        kind: 'appendNote',
        field: 'notes',
        patch: { notes: [...lines(data.notes), line].join('\n') },
        holds: (d) => d !== null && lines(d.notes).includes(line),
      };
    }
    case 'editNoteLine': {
      const current = lines(data.notes);
      if (!current.length) return materialize({ ...edit, kind: 'appendNote' }, data);
      const index = Math.floor(r1 * current.length);
      const old = current[index]!;
      const line = `${at(NOTE_PHRASES, r2)} (#${n})`;
      return {
        kind: 'editNoteLine',
        field: 'notes',
        patch: { notes: current.map((l, i) => (i === index ? line : l)).join('\n') },
        holds: (d) => d !== null && lines(d.notes).includes(line) && !lines(d.notes).includes(old),
      };
    }
    case 'delete':
      return { kind: 'delete', field: 'record', holds: (d) => d === null };
  }
}
