import { useId, useMemo, useState } from 'react';
import { VISITOR_FIELDS, VISITOR_FIELD_LABELS, type VisitorData, type VisitorField } from '../core/protocol';
import { displayValue } from './displayValue';
import { allOf, fieldOptions, initialDecisions, outcome, type Decisions, type FieldDecision } from './conflictChoices';
import { ConflictFooter, type ConflictBodyProps } from './ConflictFooter';
import { conflictSides, FieldChoice } from './ConflictFieldChoice';

/** update-update: both sides changed some fields; one choice per contended field, and a preview. */
export function FieldChoices(props: ConflictBodyProps) {
  const { conflict, row, who, when, onResolve } = props;
  const options = useMemo(() => fieldOptions(conflict), [conflict]);
  const [decisions, setDecisions] = useState<Decisions>(() => initialDecisions(options, row.data));
  const result = outcome(row.data, options, decisions);
  const sides = conflictSides(who, when);
  const decide = (field: VisitorField, change: Partial<FieldDecision>) =>
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
          sides={sides}
          onChange={(change) => decide(option.field, change)}
        />
      ))}
      <Preview record={result.ok ? result.record : null} contended={options.map((o) => o.field)} />
      <ConflictFooter {...props}>
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
      </ConflictFooter>
    </>
  );
}

/** The record as the choices would make it: the contended fields, with name and company for context. */
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
