import { visitorDataSchema, type VisitorData } from '../core/protocol';
import { fieldErrors, topLevelField, type Issue } from '../core/protocol/issues';

/** What the form's inputs hold: strings and a boolean, as a person types them. */
export interface VisitorFormValues {
  name: string;
  company: string;
  email: string;
  phone: string;
  title: string;
  interests: string;
  notes: string;
  captureMethod: VisitorData['captureMethod'];
  capturedAt: string;
  rating: string;
  followUp: boolean;
  consent: boolean;
  /** Not typed: set with `consent`, to the version of the consent text shown beside it. */
  consentVersion: string;
  /** Not typed: set by adding or removing the photo. */
  cardPhoto: VisitorData['cardPhoto'];
  /** Not typed: the server's stamps and the "Not the same person" dismissals, kept as they are. */
  consentAt: VisitorData['consentAt'];
  capturedBy: string;
  distinctFrom: string[];
}

export type FormResult = { ok: true; data: VisitorData } | { ok: false; errors: Partial<Record<keyof VisitorFormValues, string>> };

/** `datetime-local` inputs speak local time without a zone. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

export function toFormValues(data: VisitorData): VisitorFormValues {
  return {
    ...data,
    interests: data.interests.join(', '),
    capturedAt: toLocalInput(data.capturedAt),
    rating: String(data.rating),
  };
}

export function parseInterests(text: string): string[] {
  const seen = new Set<string>();
  for (const item of text.split(',')) {
    const trimmed = item.trim();
    if (trimmed && ![...seen].some((s) => s.toLowerCase() === trimmed.toLowerCase())) seen.add(trimmed);
  }
  return [...seen];
}

export function fromFormValues(values: VisitorFormValues): FormResult {
  const capturedAt = values.capturedAt ? new Date(values.capturedAt) : null;
  const candidate = {
    ...values,
    interests: parseInterests(values.interests),
    capturedAt: capturedAt && !Number.isNaN(capturedAt.getTime()) ? capturedAt.toISOString() : '',
    rating: values.rating.trim() === '' ? Number.NaN : Number(values.rating),
  };
  const parsed = visitorDataSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors = fieldErrors(parsed.error.issues, { fieldOf: topLevelField, messageOf: formMessage });
  return { ok: false, errors: errors as Partial<Record<keyof VisitorFormValues, string>> };
}

/** An empty or non-numeric rating reaches the schema as NaN: say what a rating is instead. */
function formMessage(issue: Issue, field: string): string {
  return field === 'rating' && issue.code === 'invalid_type' ? 'Rating is 0 to 5' : issue.message;
}
