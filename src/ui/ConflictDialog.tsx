import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CAPTURE_METHODS, CAPTURE_METHOD_LABELS, VISITOR_FIELDS, VISITOR_FIELD_LABELS, type VisitorData, type VisitorField } from '../core/protocol';
import type { ConflictRecord, LocalVisitor } from '../core/client/types';
import type { ConflictResolution } from '../data/visitors';
import { ValidationError } from '../data/validation';
import { getConflict, getVisitor } from '../data/queries';
import { useOutpost } from './OutpostContext';
import { VisitorHistory } from './VisitorHistory';
import { displayValue } from './displayValue';
import { sameValue } from '../core/values';
import { formatTime } from './format';
import {
  allOf,
  changedBetween,
  fieldOptions,
  initialDecisions,
  outcome,
  type Choice,
  type Decisions,
  type FieldOption,
} from './conflictChoices';

/**
 * "Resolve conflict": a modal <dialog>, so focus stays inside, Escape means "Later", and every
 * control works from the keyboard. Closes by itself when the conflict is settled elsewhere.
 */
export function ConflictDialog({ visitorId, onClose }: { visitorId: string; onClose: () => void }) {
  const { db } = useOutpost();
  const state = useLiveQuery(
    async () => ({ conflict: await getConflict(db, visitorId), row: await getVisitor(db, visitorId) }),
    [db, visitorId],
  );
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    if (state && !state.conflict) onClose();
  }, [state, onClose]);

  return (
    <dialog
      ref={ref}
      className="conflict-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Resolve conflict</h2>
      {state?.conflict && state.row && (
        <ConflictBody key={`${state.conflict.kind}:${state.conflict.detectedAt}`} conflict={state.conflict} row={state.row} onDone={onClose} />
      )}
    </dialog>
  );
}

function ConflictBody({ conflict, row, onDone }: { conflict: ConflictRecord; row: LocalVisitor; onDone: () => void }) {
  const { visitors, pageSync } = useOutpost();
  const [error, setError] = useState<string | null>(null);
  const who = conflict.theirsBy ?? 'A teammate';
  const when = conflict.theirsAt ? formatTime(conflict.theirsAt) : '';

  async function resolve(resolution: ConflictResolution) {
    setError(null);
    try {
      await visitors.resolveConflict(conflict.id, resolution);
      pageSync.requestSync();
      onDone();
    } catch (e) {
      setError(e instanceof ValidationError ? Object.values(e.fields).join(' ') || e.message : 'Could not save on this device. Try again.');
    }
  }

  const later = (
    <button type="button" onClick={onDone}>
      Later
    </button>
  );
  const history = (
    <details className="conflict-history">
      <summary>History</summary>
      <VisitorHistory visitorId={conflict.id} serverRev={row.serverRev} />
    </details>
  );
  const errorNote = error && (
    <p role="alert" className="error">
      {error}
    </p>
  );

  if (conflict.kind === 'update-delete') {
    const mine = VISITOR_FIELDS.filter((f) => f in conflict.mine);
    return (
      <>
        <p className="conflict-summary">
          <strong>{row.data.name}</strong> was deleted by {who}
          {when && ` at ${when}`}, but you changed it on this device.
        </p>
        <ValueTable caption="Your changes" rows={mine.map((f) => ({ field: f, from: conflict.base[f], to: conflict.mine[f] }))} />
        {history}
        {errorNote}
        <div className="actions">
          <button type="button" className="primary" onClick={() => resolve({ choice: 'restore' })}>
            Restore my version
          </button>
          <button type="button" className="danger" onClick={() => resolve({ choice: 'accept-deletion' })}>
            Accept deletion
          </button>
          {later}
        </div>
      </>
    );
  }

  if (conflict.kind === 'delete-update') {
    const base = conflict.base as Record<string, unknown>;
    const theirs = changedBetween(base, conflict.theirs);
    return (
      <>
        <p className="conflict-summary">
          You deleted <strong>{row.data.name}</strong>, but {who} changed it{when && ` at ${when}`}.
        </p>
        <ValueTable caption="Their changes" rows={theirs.map((f) => ({ field: f, from: base[f], to: conflict.theirs[f] }))} />
        {history}
        {errorNote}
        <div className="actions">
          <button type="button" className="danger" onClick={() => resolve({ choice: 'delete-anyway' })}>
            Delete anyway
          </button>
          <button type="button" className="primary" onClick={() => resolve({ choice: 'keep-theirs' })}>
            Keep their version
          </button>
          {later}
        </div>
      </>
    );
  }

  return (
    <FieldChoices conflict={conflict} row={row} who={who} when={when} onResolve={resolve} extras={{ history, errorNote, later }} />
  );
}

function FieldChoices({
  conflict,
  row,
  who,
  when,
  onResolve,
  extras: { history, errorNote, later },
}: {
  conflict: ConflictRecord;
  row: LocalVisitor;
  who: string;
  when: string;
  onResolve: (r: ConflictResolution) => Promise<void>;
  /** Shared with the other kinds of conflict: the history, an error, the "Later" button. */
  extras: { history: ReactNode; errorNote: ReactNode; later: ReactNode };
}) {
  const options = useMemo(() => fieldOptions(conflict), [conflict]);
  const [decisions, setDecisions] = useState<Decisions>(() => initialDecisions(options, row.data));
  const result = outcome(row.data, options, decisions);
  const decide = (field: VisitorField, change: Partial<{ choice: Choice; custom: string }>) =>
    setDecisions((d) => ({ ...d, [field]: { choice: 'mine', custom: '', ...d[field], ...change } }));

  const applyAll = (choice: 'mine' | 'theirs') => {
    const all = outcome(row.data, options, allOf(options, decisions, choice));
    if (all.ok) void onResolve({ choice: 'values', values: all.values });
  };

  return (
    <>
      <p className="conflict-summary">
        You and {who} both changed <strong>{row.data.name}</strong>
        {when && ` (their change at ${when})`}. Choose what to keep for each field.
      </p>
      {options.map((option) => (
        <FieldChoice
          key={option.field}
          option={option}
          decision={decisions[option.field]!}
          error={result.ok ? undefined : result.errors[option.field]}
          who={who}
          when={when}
          onChange={(change) => decide(option.field, change)}
        />
      ))}
      <Preview record={result.ok ? result.record : null} contended={options.map((o) => o.field)} />
      {history}
      {errorNote}
      <div className="actions">
        <button type="button" onClick={() => applyAll('mine')}>
          Keep all mine
        </button>
        <button type="button" onClick={() => applyAll('theirs')}>
          Keep all theirs
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => result.ok && void onResolve({ choice: 'values', values: result.values })}
          aria-disabled={!result.ok || undefined}
        >
          Apply
        </button>
        {later}
      </div>
    </>
  );
}

function FieldChoice({
  option,
  decision,
  error,
  who,
  when,
  onChange,
}: {
  option: FieldOption;
  decision: { choice: Choice; custom: string };
  error: string | undefined;
  who: string;
  when: string;
  onChange: (change: Partial<{ choice: Choice; custom: string }>) => void;
}) {
  const id = useId();
  const { field, label } = option;
  const choices: { value: Choice; label: string; shows?: unknown; note?: string }[] = [
    { value: 'mine', label: 'Mine', shows: option.mine, note: 'your change on this device' },
    { value: 'theirs', label: 'Theirs', shows: option.theirs, note: `changed by ${who}${when ? ` at ${when}` : ''}` },
    ...('merged' in option ? [{ value: 'merged' as const, label: 'Merged', shows: option.merged, note: 'both changes together' }] : []),
    { value: 'custom', label: 'Custom' },
  ];
  return (
    <fieldset className="conflict-field" role="radiogroup" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>{label}</legend>
      <p className="original" id={`${id}-original`}>
        Original: <span className="value">{displayValue(field, option.base)}</span>
      </p>
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
  else if (field === 'captureMethod' || field === 'followUp') {
    const entries = field === 'followUp' ? [['true', 'Yes'], ['false', 'No']] : CAPTURE_METHODS.map((m) => [m, CAPTURE_METHOD_LABELS[m]]);
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

function Preview({ record, contended }: { record: VisitorData | null; contended: VisitorField[] }) {
  const id = useId();
  return (
    <section className="conflict-preview" aria-labelledby={id} aria-live="polite">
      <h3 id={id}>Preview</h3>
      {record ? (
        <dl>
          {VISITOR_FIELDS.filter((f) => contended.includes(f) || f === 'name' || f === 'company').map((f) => (
            <div key={f} className={contended.includes(f) ? 'contended' : undefined}>
              <dt>{VISITOR_FIELD_LABELS[f]}</dt>
              <dd>{displayValue(f, record[f])}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="error">Correct the custom value to see the result.</p>
      )}
    </section>
  );
}

function ValueTable({ caption, rows }: { caption: string; rows: { field: VisitorField; from: unknown; to: unknown }[] }) {
  if (!rows.length) return null;
  return (
    <table className="conflict-values">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Was</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ field, from, to }) => (
          <tr key={field}>
            <th scope="row">{VISITOR_FIELD_LABELS[field]}</th>
            <td>
              <del>{displayValue(field, from)}</del>
            </td>
            <td>
              <ins>{displayValue(field, to)}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
