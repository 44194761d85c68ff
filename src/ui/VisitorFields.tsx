import { useId } from 'react';
import { CAPTURE_METHODS, CAPTURE_METHOD_LABELS } from '../core/protocol';
import { TextField } from './TextField';
import { RatingInput } from './RatingInput';
import type { FromCard } from './cardFill';
import { CARD_WORDS } from './cardWords';
import type { VisitorFormValues } from './visitorFormValues';

export type VisitorFormErrors = Partial<Record<keyof VisitorFormValues, string>>;

/** The visitor form's inputs, each with its label and error. */
export function VisitorFields({
  values,
  errors,
  set,
  fromCard = {},
}: {
  values: VisitorFormValues;
  errors: VisitorFormErrors;
  set: <K extends keyof VisitorFormValues>(key: K) => (value: VisitorFormValues[K]) => void;
  /** The fields a card reading filled, until the person edits them. */
  fromCard?: FromCard;
}) {
  const followUpId = useId();
  const consentId = useId();
  const card = (field: keyof FromCard) => (fromCard[field] ? CARD_WORDS.fromCard : undefined);
  return (
    <>
      <TextField label="Name" required value={values.name} onChange={set('name')} error={errors.name} hint={card('name')} autoComplete="off" />
      <TextField label="Company" value={values.company} onChange={set('company')} error={errors.company} hint={card('company')} autoComplete="off" />
      <TextField label="Email" type="email" value={values.email} onChange={set('email')} error={errors.email} hint={card('email')} autoComplete="off" />
      <TextField label="Phone" type="tel" value={values.phone} onChange={set('phone')} error={errors.phone} hint={card('phone')} autoComplete="off" />
      <TextField label="Title" value={values.title} onChange={set('title')} error={errors.title} hint={card('title')} autoComplete="off" />
      <TextField
        label="Interests"
        value={values.interests}
        onChange={set('interests')}
        error={errors.interests}
        hint="Separate with commas."
      />
      <TextField label="Notes" multiline value={values.notes} onChange={set('notes')} error={errors.notes} hint={card('notes')} />
      <div className="field-row">
        <CaptureMethodField value={values.captureMethod} error={errors.captureMethod} onChange={set('captureMethod')} />
        <RatingField value={values.rating} error={errors.rating} onChange={set('rating')} />
      </div>
      <TextField
        label="Captured at"
        type="datetime-local"
        value={values.capturedAt}
        onChange={set('capturedAt')}
        error={errors.capturedAt}
      />
      <div className="field checkbox">
        <input id={followUpId} type="checkbox" checked={values.followUp} onChange={(e) => set('followUp')(e.target.checked)} />
        <label htmlFor={followUpId}>Follow up</label>
      </div>
      <div className="field checkbox">
        <input id={consentId} type="checkbox" checked={values.consent} onChange={(e) => set('consent')(e.target.checked)} />
        <label htmlFor={consentId}>Agreed to be contacted</label>
      </div>
    </>
  );
}

interface FieldProps<T> {
  value: T;
  error: string | undefined;
  onChange: (value: T) => void;
}

function CaptureMethodField({ value, error, onChange }: FieldProps<VisitorFormValues['captureMethod']>) {
  const id = useId();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>Capture method</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as VisitorFormValues['captureMethod'])}>
        {CAPTURE_METHODS.map((method) => (
          <option key={method} value={method}>
            {CAPTURE_METHOD_LABELS[method]}
          </option>
        ))}
      </select>
    </div>
  );
}

function RatingField({ value, error, onChange }: FieldProps<string>) {
  return <RatingInput value={value} error={error} onChange={onChange} />;
}
