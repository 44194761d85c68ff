import { z } from 'zod';
import { cleanText } from './text';
import { ADDED_FIELD_DEFAULTS } from './addedFields';

export { ADDED_FIELD_DEFAULTS, withAddedFields } from './addedFields';

export const CAPTURE_METHODS = ['business-card', 'event-badge', 'qr-code', 'manual'] as const;
export type CaptureMethod = (typeof CAPTURE_METHODS)[number];

export const CAPTURE_METHOD_LABELS: Record<CaptureMethod, string> = {
  'business-card': 'Business card',
  'event-badge': 'Event badge',
  'qr-code': 'QR code',
  manual: 'Manual',
};

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters`);

/** An attachment's id: the SHA-256 of its bytes, lower-case hex (attachments are addressed by content). */
export const attachmentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 hash');

/**
 * A visitor's fields as the server has ever stored them. Records, and the `base` of ops, may hold
 * text from before the character rules below, so what is read back is checked by these alone.
 */
const storedShape = {
  name: trimmed(200, 'Name').min(1, 'Name is required'),
  company: trimmed(200, 'Company'),
  email: z.union([z.literal(''), z.string().trim().max(254).email('Email is not a valid address')]),
  phone: trimmed(50, 'Phone').regex(/^[0-9+()\-.\s]*$/, 'Phone may contain digits, spaces and + ( ) - . only'),
  title: trimmed(200, 'Title'),
  interests: z
    .array(trimmed(50, 'Each interest').min(1, 'An interest cannot be empty'))
    .max(30, 'At most 30 interests'),
  notes: z.string().max(10_000, 'Notes must be at most 10,000 characters'),
  captureMethod: z.enum(CAPTURE_METHODS, { message: 'Choose a capture method' }),
  capturedAt: z.string().datetime({ offset: true, message: 'Captured at must be a date and time' }),
  rating: z.number().int('Rating must be a whole number').min(0, 'Rating is 0 to 5').max(5, 'Rating is 0 to 5'),
  followUp: z.boolean(),
  /** The business card's photo (an attachment), or null. */
  cardPhoto: attachmentHashSchema.nullable(),
  /** The visitor agreed to be contacted (protocol 2). */
  consent: z.boolean(),
  /** The version of the consent text the visitor was shown when they agreed, or '' (protocol 3). */
  consentVersion: trimmed(40, 'Consent text version'),
  /** When the server first stored this consent (its clock, not the device's), or null (protocol 3; server-stamped). */
  consentAt: z.string().datetime({ offset: true, message: 'Consent at must be a date and time' }).nullable(),
  /** Email of the person whose device created the visitor on the server (protocol 3; server-stamped). */
  capturedBy: z.string().max(254, 'Captured by must be at most 254 characters'),
  /** Visitors someone said are "Not the same person" as this one, though they look alike (protocol 3). */
  distinctFrom: z.array(z.string().uuid('Not a visitor id')).max(200, 'At most 200 dismissed duplicates'),
};

/**
 * Fields only the server writes (docs/ARCHITECTURE.md, "Record shape"): an op cannot patch them,
 * and what a create carries for them is replaced by the server's stamp (core/push/serverFields.ts).
 */
export const SERVER_STAMPED_FIELDS = ['consentAt', 'capturedBy'] as const;
export type ServerStampedField = (typeof SERVER_STAMPED_FIELDS)[number];

/** A visitor's fields without the server-stamped ones: what a person can write. */
export function writableData<T extends { consentAt?: unknown; capturedBy?: unknown }>(data: T): Omit<T, ServerStampedField> {
  const { consentAt: _consentAt, capturedBy: _capturedBy, ...rest } = data;
  return rest;
}

/**
 * What may be written: the stored shape, with text fields refusing control characters (notes
 * keep tabs and line breaks), text-direction controls and broken characters.
 */
const visitorShape = {
  ...storedShape,
  name: cleanText(storedShape.name, 'Name'),
  company: cleanText(storedShape.company, 'Company'),
  phone: cleanText(storedShape.phone, 'Phone'),
  title: cleanText(storedShape.title, 'Title'),
  interests: z
    .array(cleanText(trimmed(50, 'Each interest').min(1, 'An interest cannot be empty'), 'An interest'))
    .max(30, 'At most 30 interests'),
  notes: cleanText(storedShape.notes, 'Notes', { multiLine: true }),
  consentVersion: cleanText(storedShape.consentVersion, 'Consent text version'),
};

const withAddedFieldDefaults = (shape: typeof storedShape) => ({
  cardPhoto: shape.cardPhoto.default(ADDED_FIELD_DEFAULTS.cardPhoto),
  consent: shape.consent.default(ADDED_FIELD_DEFAULTS.consent),
  consentVersion: shape.consentVersion.default(ADDED_FIELD_DEFAULTS.consentVersion),
  consentAt: shape.consentAt.default(ADDED_FIELD_DEFAULTS.consentAt),
  capturedBy: shape.capturedBy.default(ADDED_FIELD_DEFAULTS.capturedBy),
  distinctFrom: shape.distinctFrom.default(() => []),
});

const writableShape = (() => {
  const shape: Partial<typeof visitorShape> = { ...visitorShape };
  for (const field of SERVER_STAMPED_FIELDS) delete shape[field];
  return shape as Omit<typeof visitorShape, ServerStampedField>;
})();

/**
 * A visitor as stored and synced: every field present, so merges compare like with like. A
 * field added after the first release has a default, so records stored and ops queued before
 * it read the same as ever (docs/ARCHITECTURE.md, "Record shape").
 */
export const visitorDataSchema = z.object({ ...visitorShape, ...withAddedFieldDefaults(visitorShape) });
export type VisitorData = z.infer<typeof visitorDataSchema>;
export type VisitorField = keyof VisitorData;

/** The changed fields of an edit. No defaults here: a field left out is not changed. */
export const visitorPatchSchema = z.object(writableShape).partial().strict();
export type VisitorPatch = z.infer<typeof visitorPatchSchema>;

/** A visitor as the server sends it back (pulls, push results): the stored shape. */
export const storedVisitorDataSchema = z.object({ ...storedShape, ...withAddedFieldDefaults(storedShape) });

/** An op's `base`: values this device last saw, checked by the stored shape (they may predate the rules). */
export const visitorBaseSchema = z.object(storedShape).partial().strict();
export type VisitorBase = z.infer<typeof visitorBaseSchema>;

export const VISITOR_FIELDS = Object.keys(visitorDataSchema.shape) as VisitorField[];

export const VISITOR_FIELD_LABELS: Record<VisitorField, string> = {
  name: 'Name',
  company: 'Company',
  email: 'Email',
  phone: 'Phone',
  title: 'Title',
  interests: 'Interests',
  notes: 'Notes',
  captureMethod: 'Capture method',
  capturedAt: 'Captured at',
  rating: 'Rating',
  followUp: 'Follow up',
  cardPhoto: 'Business card photo',
  consent: 'Agreed to be contacted',
  consentVersion: 'Consent text version',
  consentAt: 'Consent recorded at',
  capturedBy: 'Captured by',
  distinctFrom: 'Not the same person as',
};

/**
 * How the server settles a field both sides changed (docs/ARCHITECTURE.md, "Merge rules"):
 * `set` three-way set merge, `text` line-wise merge, `manual` a conflict for the person.
 */
export type MergePolicy = 'set' | 'text' | 'manual';
export const VISITOR_FIELD_POLICIES: Record<VisitorField, MergePolicy> = {
  name: 'manual',
  company: 'manual',
  email: 'manual',
  phone: 'manual',
  title: 'manual',
  interests: 'set',
  notes: 'text',
  captureMethod: 'manual',
  capturedAt: 'manual',
  rating: 'manual',
  followUp: 'manual',
  cardPhoto: 'manual',
  consent: 'manual',
  consentVersion: 'manual',
  consentAt: 'manual',
  capturedBy: 'manual',
  distinctFrom: 'set',
};

export function emptyVisitor(now: Date): VisitorData {
  return {
    name: '',
    company: '',
    email: '',
    phone: '',
    title: '',
    interests: [],
    notes: '',
    captureMethod: 'manual',
    capturedAt: now.toISOString(),
    rating: 0,
    followUp: false,
    cardPhoto: null,
    consent: false,
    consentVersion: '',
    consentAt: null,
    capturedBy: '',
    distinctFrom: [],
  };
}
