import { VISITOR_FIELDS, VISITOR_FIELD_LABELS, type VisitorField } from '../core/protocol';
import { displayValue } from './displayValue';
import { changedBetween } from './conflictChoices';
import { ConflictFooter, type ConflictBodyProps } from './ConflictFooter';

/** update-delete: a teammate deleted the record this device changed. */
export function UpdateDeleteChoices(props: ConflictBodyProps) {
  const { conflict, row, who, when, onResolve } = props;
  const changes = conflict.mine as Record<string, unknown>;
  const mine = VISITOR_FIELDS.filter((f) => f in changes);
  return (
    <>
      <p className="conflict-summary">
        <strong>{row.data.name}</strong> was deleted by {who}
        {when && ` at ${when}`}, but you changed it on this device.
      </p>
      <ValueTable caption="Your changes" rows={mine.map((f) => ({ field: f, from: (conflict.base as Record<string, unknown>)[f], to: changes[f] }))} />
      <ConflictFooter {...props}>
        <button type="button" className="primary" onClick={() => onResolve({ choice: 'restore' })}>
          Restore my version
        </button>
        <button type="button" className="danger" onClick={() => onResolve({ choice: 'accept-deletion' })}>
          Accept deletion
        </button>
      </ConflictFooter>
    </>
  );
}

/** delete-update: this device deleted the record a teammate changed. */
export function DeleteUpdateChoices(props: ConflictBodyProps) {
  const { conflict, row, who, when, onResolve } = props;
  const base = conflict.base as Record<string, unknown>;
  const theirs = changedBetween(base, conflict.theirs);
  return (
    <>
      <p className="conflict-summary">
        You deleted <strong>{row.data.name}</strong>, but {who} changed it{when && ` at ${when}`}.
      </p>
      <ValueTable caption="Their changes" rows={theirs.map((f) => ({ field: f, from: base[f], to: conflict.theirs[f] }))} />
      <ConflictFooter {...props}>
        <button type="button" className="danger" onClick={() => onResolve({ choice: 'delete-anyway' })}>
          Delete anyway
        </button>
        <button type="button" className="primary" onClick={() => onResolve({ choice: 'keep-theirs' })}>
          Keep their version
        </button>
      </ConflictFooter>
    </>
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
