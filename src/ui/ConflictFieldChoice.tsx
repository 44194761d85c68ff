import { useId } from 'react';
import { CAPTURE_METHODS, CAPTURE_METHOD_LABELS, type VisitorField } from '../core/protocol';
import { sameValue } from '../core/values';
import { displayValue, isYesNoField } from './displayValue';
import type { Choice, FieldDecision, FieldOption } from './conflictChoices';

/** What the two sides of a choice are called, and the note beside each value. */
export interface ChoiceSides {
  mine: { label: string; note: string };
  theirs: { label: string; note: string };
  /** Whether the value both sides started from is shown (a conflict's; two duplicates have none). */
  original: boolean;
}

/** A conflict's sides: this device's change and a teammate's. */
export function conflictSides(who: string, when: string): ChoiceSides {
  return {
    mine: { label: 'Mine', note: 'your change on this device' },
    theirs: { label: 'Theirs', note: `changed by ${who}${when ? ` at ${when}` : ''}` },
    original: true,
  };
}

/**
 * One field to choose: a radio group named by the field's label (Mine, Theirs, Merged, Custom
 * in a conflict; the two records' sides when merging duplicates).
 */
export function FieldChoice({
  option,
  decision,
  error,
  sides,
  onChange,
}: {
  option: FieldOption;
  decision: FieldDecision;
  error: string | undefined;
  sides: ChoiceSides;
  onChange: (change: Partial<FieldDecision>) => void;
}) {
  const id = useId();
  const { field, label } = option;
  const choices: { value: Choice; label: string; shows?: unknown; note?: string }[] = [
    { value: 'mine', label: sides.mine.label, shows: option.mine, note: sides.mine.note },
    { value: 'theirs', label: sides.theirs.label, shows: option.theirs, note: sides.theirs.note },
    ...('merged' in option ? [{ value: 'merged' as const, label: 'Merged', shows: option.merged, note: 'both changes together' }] : []),
    { value: 'custom', label: 'Custom' },
  ];
  return (
    <fieldset className="conflict-field" role="radiogroup" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>{label}</legend>
      {sides.original && (
        <p className="original" id={`${id}-original`}>
          Original: <span className="value">{displayValue(field, option.base)}</span>
        </p>
      )}
      {choices.map((c) => (
        <div key={c.value} className={`choice${decision.choice === c.value ? ' chosen' : ''}`}>
          <input
            type="radio"
            id={`${id}-${c.value}`}
            name={`${id}-choice`}
            value={c.value}
            checked={decision.choice === c.value}
            onChange={() => onChange({ choice: c.value })}
            aria-describedby={c.value === 'custom' ? undefined : `${id}-${c.value}-value`}
          />
          <label htmlFor={`${id}-${c.value}`}>{c.label}</label>
          {c.value === 'custom' ? (
            <CustomInput
              id={`${id}-custom`}
              field={field}
              label={`Custom ${label}`}
              value={decision.custom}
              error={decision.choice === 'custom' ? error : undefined}
              onChange={(custom) => onChange({ choice: 'custom', custom })}
            />
          ) : (
            <span id={`${id}-${c.value}-value`} className="choice-value">
              <Diff field={field} base={option.base} value={c.shows} /> <small className="muted">— {c.note}</small>
            </span>
          )}
        </div>
      ))}
    </fieldset>
  );
}

/** A value with what differs from the original marked: list items and note lines added or removed. */
function Diff({ field, base, value }: { field: VisitorField; base: unknown; value: unknown }) {
  if (field === 'interests' && Array.isArray(value) && Array.isArray(base)) {
    const removed = (base as string[]).filter((x) => !(value as string[]).includes(x));
    return (
      <span className="diff">
        {(value as string[]).map((x) => (base as string[]).includes(x) ? <span key={x}>{x} </span> : <ins key={x}>{x} </ins>)}
        {removed.map((x) => (
          <del key={`-${x}`}>{x} </del>
        ))}
        {!value.length && !removed.length && '(none)'}
      </span>
    );
  }
  if (field === 'notes' && typeof value === 'string' && typeof base === 'string') {
    const before = new Set(base.split('\n'));
    const lines = value === '' ? [] : value.split('\n');
    return (
      <span className="diff notes">
        {lines.map((line, i) => (before.has(line) ? <span key={i}>{line}</span> : <ins key={i}>{line}</ins>))}
        {!lines.length && '(empty)'}
      </span>
    );
  }
  const text = displayValue(field, value);
  return sameValue(value, base) ? <span>{text}</span> : <mark>{text}</mark>;
}

/** The custom value's input, of the kind the visitor form uses for that field. */
function CustomInput({
  id,
  field,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  field: VisitorField;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const common = {
    id,
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  } as const;
  let input;
  if (field === 'notes') input = <textarea {...common} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />;
  else if (field === 'captureMethod' || isYesNoField(field)) {
    const entries = isYesNoField(field) ? [['true', 'Yes'], ['false', 'No']] : CAPTURE_METHODS.map((m) => [m, CAPTURE_METHOD_LABELS[m]]);
    input = (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        {entries.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    );
  } else {
    const type = field === 'rating' ? 'number' : field === 'capturedAt' ? 'datetime-local' : 'text';
    input = <input {...common} type={type} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <span className="custom-value">
      {input}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </span>
  );
}
