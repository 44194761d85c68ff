import { CAPTURE_METHOD_LABELS, type VisitorData } from '../protocol';

/**
 * One visitor as an export carries it. Who captured it and when consent was recorded are the
 * server's stamps: empty for a visitor that has not reached the server yet.
 */
export interface LeadForExport {
  data: VisitorData;
}

/** The columns of the CSV export, in order, with the words of their header. */
export const LEAD_COLUMNS = [
  ['name', 'Name'],
  ['company', 'Company'],
  ['title', 'Title'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['interests', 'Interests'],
  ['notes', 'Notes'],
  ['rating', 'Rating'],
  ['followUp', 'Follow up'],
  ['captureMethod', 'Capture method'],
  ['capturedAt', 'Captured at'],
  ['capturedBy', 'Captured by'],
  ['consent', 'Consent'],
  ['consentAt', 'Consent at'],
] as const;

export type LeadColumn = (typeof LEAD_COLUMNS)[number][0];

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A lead's cells, as text, by column. */
export function leadCells(lead: LeadForExport): Record<LeadColumn, string> {
  const { data } = lead;
  return {
    name: data.name,
    company: data.company,
    title: data.title,
    email: data.email,
    phone: data.phone,
    interests: data.interests.join('; '),
    notes: data.notes,
    rating: String(data.rating),
    followUp: yesNo(data.followUp),
    captureMethod: CAPTURE_METHOD_LABELS[data.captureMethod],
    capturedAt: new Date(data.capturedAt).toISOString(),
    capturedBy: data.capturedBy,
    consent: yesNo(data.consent),
    consentAt: data.consentAt ?? '',
  };
}
