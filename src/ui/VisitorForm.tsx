import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CAPTURE_METHODS, CAPTURE_METHOD_LABELS, emptyVisitor, type VisitorData } from '../core/protocol';
import { getVisitor } from '../data/queries';
import { ValidationError } from '../data/validation';
import { useOutpost } from './OutpostContext';
import { TextField } from './TextField';
import { VisitorHistory } from './VisitorHistory';
import { fromFormValues, toFormValues, type VisitorFormValues } from './visitorFormValues';
import { storageErrorMessage } from './storageErrorMessage';

type Errors = Partial<Record<keyof VisitorFormValues, string>>;

interface VisitorFormProps {
  /** null for a new visitor. */
  visitorId: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
  onResolveConflict: (id: string) => void;
}

export function VisitorForm({ visitorId, onClose, onSaved, onResolveConflict }: VisitorFormProps) {
  const { db } = useOutpost();
  const existing = useLiveQuery(async () => (visitorId ? ((await getVisitor(db, visitorId)) ?? null) : null), [db, visitorId]);
  if (visitorId && existing === undefined) return null; // still reading IndexedDB: a few ms
  if (visitorId && existing === null) {
    return (
      <section className="card visitor-form" aria-label="Visitor">
        <p>This visitor was deleted.</p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </section>
    );
  }
  return (
    <>
      <VisitorFormBody
        key={visitorId ?? 'new'}
        visitorId={visitorId}
        initial={existing?.data ?? emptyVisitor(new Date())}
        failure={existing?.syncState === 'failed' ? (existing.error?.message ?? 'The server refused this change.') : null}
        inConflict={existing?.syncState === 'conflict'}
        onClose={onClose}
        onSaved={onSaved}
        onResolveConflict={onResolveConflict}
      />
      {existing && <VisitorHistory visitorId={existing.id} serverRev={existing.serverRev} />}
    </>
  );
}

function VisitorFormBody({
  visitorId,
  initial,
  failure,
  inConflict,
  onClose,
  onSaved,
  onResolveConflict,
}: VisitorFormProps & { initial: VisitorData; failure: string | null; inConflict: boolean }) {
  const { visitors, pageSync } = useOutpost();
  const [values, setValues] = useState<VisitorFormValues>(() => toFormValues(initial));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const titleId = useId();
  const ids = { captureMethod: useId(), rating: useId(), followUp: useId() };

  const set = <K extends keyof VisitorFormValues>(key: K) => (value: VisitorFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = fromFormValues(values);
    if (!result.ok) {
      setErrors(result.errors);
      setFormError('Some fields need attention.');
      return;
    }
    try {
      const id = visitorId ?? (await visitors.create(result.data));
      if (visitorId) await visitors.update(visitorId, result.data);
      pageSync.requestSync();
      onSaved(id);
    } catch (error) {
      if (error instanceof ValidationError) {
        setErrors(error.fields as Errors);
        setFormError('Some fields need attention.');
      } else {
        setFormError(storageErrorMessage(error));
      }
    }
  }

  async function remove() {
    if (!visitorId) return;
    try {
      await visitors.remove(visitorId);
      pageSync.requestSync();
      onClose();
    } catch (error) {
      setFormError(storageErrorMessage(error));
    }
  }

  async function discard() {
    if (!visitorId) return;
    await visitors.discardFailed(visitorId);
    onClose();
  }

  return (
    <form className="card visitor-form" aria-labelledby={titleId} onSubmit={save} noValidate>
      <h2 id={titleId}>{visitorId ? 'Edit visitor' : 'New visitor'}</h2>
      {inConflict && visitorId && (
        <div role="alert" className="notice">
          <p>A teammate changed this visitor too. Your changes are kept on this device until you choose what to keep.</p>
          <button type="button" onClick={() => onResolveConflict(visitorId)}>
            Resolve conflict
          </button>
        </div>
      )}
      {failure && (
        <div role="alert" className="notice error">
          <p>The server did not accept the last change: {failure}</p>
          <p>Correct it and save again, or discard it.</p>
          <button type="button" onClick={discard}>
            Discard my changes
          </button>
        </div>
      )}
      <TextField label="Name" required value={values.name} onChange={set('name')} error={errors.name} autoComplete="off" />
      <TextField label="Company" value={values.company} onChange={set('company')} error={errors.company} autoComplete="off" />
      <TextField label="Email" type="email" value={values.email} onChange={set('email')} error={errors.email} autoComplete="off" />
      <TextField label="Phone" type="tel" value={values.phone} onChange={set('phone')} error={errors.phone} autoComplete="off" />
      <TextField label="Title" value={values.title} onChange={set('title')} error={errors.title} autoComplete="off" />
      <TextField
        label="Interests"
        value={values.interests}
        onChange={set('interests')}
        error={errors.interests}
        hint="Separate with commas."
      />
      <TextField label="Notes" multiline value={values.notes} onChange={set('notes')} error={errors.notes} />
      <div className="field-row">
        <div className={`field${errors.captureMethod ? ' has-error' : ''}`}>
          <label htmlFor={ids.captureMethod}>Capture method</label>
          <select
            id={ids.captureMethod}
            value={values.captureMethod}
            onChange={(e) => set('captureMethod')(e.target.value as VisitorFormValues['captureMethod'])}
          >
            {CAPTURE_METHODS.map((method) => (
              <option key={method} value={method}>
                {CAPTURE_METHOD_LABELS[method]}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${errors.rating ? ' has-error' : ''}`}>
          <label htmlFor={ids.rating}>Rating</label>
          <input
            id={ids.rating}
            type="number"
            inputMode="numeric"
            min={0}
            max={5}
            step={1}
            value={values.rating}
            aria-invalid={errors.rating ? true : undefined}
            aria-describedby={errors.rating ? `${ids.rating}-error` : undefined}
            onChange={(e) => set('rating')(e.target.value)}
          />
          {errors.rating && (
            <small id={`${ids.rating}-error`} className="field-error">
              {errors.rating}
            </small>
          )}
        </div>
      </div>
      <TextField
        label="Captured at"
        type="datetime-local"
        value={values.capturedAt}
        onChange={set('capturedAt')}
        error={errors.capturedAt}
      />
      <div className="field checkbox">
        <input id={ids.followUp} type="checkbox" checked={values.followUp} onChange={(e) => set('followUp')(e.target.checked)} />
        <label htmlFor={ids.followUp}>Follow up</label>
      </div>
      {formError && (
        <p role="alert" className="error">
          {formError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {visitorId && (
          <button type="button" className="danger" onClick={remove}>
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
