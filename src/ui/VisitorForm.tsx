import { useId, useState, type FormEvent } from 'react';
import { emptyVisitor, writableData, type VisitorData } from '../core/protocol';
import { ValidationError } from '../data/validation';
import { useOutpost } from './OutpostContext';
import { useLive } from './useLive';
import { VisitorHistory } from './lazyParts';
import { VisitorFields, type VisitorFormErrors } from './VisitorFields';
import { fromFormValues, toFormValues, type VisitorFormValues } from './visitorFormValues';
import { storageErrorMessage } from './storageErrorMessage';
import { CardPhotoField } from './CardPhotoField';
import { ReadCardButton } from './ReadCardButton';
import { useCardPhoto } from './useCardPhoto';
import { useCardFill } from './useCardFill';
import { DuplicateNotice } from './DuplicateNotice';

interface VisitorFormProps {
  /** null for a new visitor. */
  visitorId: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
  onResolveConflict: (id: string) => void;
  /** Opens "Merge duplicates" for a possible duplicate pair. */
  onMergeDuplicates: (ids: readonly [string, string]) => void;
  /** Values a new visitor starts with (a scanned badge's); ignored for an existing visitor. */
  prefill?: Partial<VisitorData>;
}

export function VisitorForm({ visitorId, onClose, onSaved, onResolveConflict, onMergeDuplicates, prefill }: VisitorFormProps) {
  const existing = useLive((q) => (visitorId ? q.visitor(visitorId) : null), [visitorId]);
  if (visitorId && existing === undefined) return null; // still reading the local database: a few ms
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
      {existing && <DuplicateNotice visitor={existing} onMerge={onMergeDuplicates} />}
      <VisitorFormBody
        key={visitorId ?? 'new'}
        visitorId={visitorId}
        initial={existing?.data ?? { ...emptyVisitor(new Date()), ...prefill }}
        failure={existing?.syncState === 'failed' ? (existing.error?.message ?? 'The server refused this change.') : null}
        inConflict={existing?.syncState === 'conflict'}
        onClose={onClose}
        onSaved={onSaved}
        onResolveConflict={onResolveConflict}
        onMergeDuplicates={onMergeDuplicates}
      />
      {existing && <VisitorHistory visitorId={existing.id} serverRev={existing.serverRev} />}
    </>
  );
}

/** Edits go through the repository, which also schedules their sync. */
function VisitorFormBody({
  visitorId,
  initial,
  failure,
  inConflict,
  onClose,
  onSaved,
  onResolveConflict,
}: VisitorFormProps & { initial: VisitorData; failure: string | null; inConflict: boolean }) {
  const { visitors } = useOutpost();
  const [values, setValues] = useState<VisitorFormValues>(() => toFormValues(initial));
  const [errors, setErrors] = useState<VisitorFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const titleId = useId();
  const photo = useCardPhoto(initial.cardPhoto);
  const card = useCardFill(values, setValues);

  const set = <K extends keyof VisitorFormValues>(key: K) => (value: VisitorFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    card.edited(key);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = fromFormValues(values);
    if (!result.ok) {
      setErrors(result.errors);
      setFormError('Some fields need attention.');
      return;
    }
    try {
      // The photo is stored with the visitor's change, in its transaction; the patch leaves
      // cardPhoto to `options`, so a teammate's photo that arrived meanwhile is not undone.
      const { photo: chosen } = await photo.saveOptions();
      const { cardPhoto: _photo, ...patch } = writableData(result.data);
      const id = visitorId ?? (await visitors.create(result.data, { photo: chosen ?? undefined }));
      if (visitorId) await visitors.update(visitorId, patch, chosen === undefined ? {} : { photo: chosen });
      onSaved(id);
    } catch (error) {
      if (error instanceof ValidationError) {
        setErrors(error.fields as VisitorFormErrors);
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
      {initial.capturedBy && <p className="muted captured-by">Captured by {initial.capturedBy}</p>}
      {inConflict && visitorId && <ConflictNotice onResolve={() => onResolveConflict(visitorId)} />}
      {failure && <FailureNotice failure={failure} onDiscard={discard} />}
      <CardPhotoField photo={photo} error={errors.cardPhoto} />
      <ReadCardButton image={photo.image} onRead={card.apply} />
      <VisitorFields values={values} errors={errors} set={set} fromCard={card.fromCard} />
      {formError && (
        <p role="alert" className="error">
          {formError}
        </p>
      )}
      <FormActions onCancel={onClose} onDelete={visitorId ? remove : null} />
    </form>
  );
}

/** Save, Cancel, and Delete for a visitor that exists. */
function FormActions({ onCancel, onDelete }: { onCancel: () => void; onDelete: (() => void) | null }) {
  return (
    <div className="actions">
      <button type="submit" className="primary">
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {onDelete && (
        <button type="button" className="danger" onClick={onDelete}>
          Delete
        </button>
      )}
    </div>
  );
}

function ConflictNotice({ onResolve }: { onResolve: () => void }) {
  return (
    <div role="alert" className="notice">
      <p>A teammate changed this visitor too. Your changes are kept on this device until you choose what to keep.</p>
      <button type="button" onClick={onResolve}>
        Resolve conflict
      </button>
    </div>
  );
}

function FailureNotice({ failure, onDiscard }: { failure: string; onDiscard: () => void }) {
  return (
    <div role="alert" className="notice error">
      <p>The server did not accept the last change: {failure}</p>
      <p>Correct it and save again, or discard it.</p>
      <button type="button" onClick={onDiscard}>
        Discard my changes
      </button>
    </div>
  );
}
