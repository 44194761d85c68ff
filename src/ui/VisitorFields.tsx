import { useId } from 'react';
import { CAPTURE_METHODS, CAPTURE_METHOD_LABELS } from '../core/protocol';
import { TextField } from './TextField';
import { RatingInput } from './RatingInput';
import type { FromCard } from './cardFill';
import { CARD_WORDS } from './cardWords';
import type { VisitorFormValues } from './visitorFormValues';
import { CONSENT_TEXT } from './consentText';
import { formatTime } from './format';

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
      <ConsentField values={values} set={set} />
    </>
  );
}

/** The consent box with the text it stands for, and when the server recorded it. */
function ConsentField({ values, set }: Pick<Parameters<typeof VisitorFields>[0], 'values' | 'set'>) {
  const id = useId();
  const toggle = (consent: boolean) => {
    set('consent')(consent);
    // A consent kept as it was keeps the text version it was given to.
    set('consentVersion')(consent ? (values.consentVersion || CONSENT_TEXT.version) : '');
  };
  return (
    <div className="field checkbox consent">
      <input id={id} type="checkbox" checked={values.consent} onChange={(e) => toggle(e.target.checked)} aria-describedby={`${id}-text`} />
      <label htmlFor={id}>Agreed to be contacted</label>
      <small id={`${id}-text`} className="hint">
        {CONSENT_TEXT.text} (text version {values.consent && values.consentVersion ? values.consentVersion : CONSENT_TEXT.version})
        {values.consent && (values.consentAt ? ` Recorded by the server at ${formatTime(values.consentAt)}.` : ' Recorded when this visitor syncs.')}
      </small>
    </div>
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
