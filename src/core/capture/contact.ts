import { LIMITS, clip, cleanEmail, cleanPhone, multiLine, oneLine } from './clean';

export interface ContactFields {
  name?: string;
  company?: string;
  title?: string;
  email?: string;
  phone?: string;
}

/** A TEL or EMAIL as read: `rank` says how much it is preferred (higher first), `label` names it in Notes. */
export interface Candidate {
  value: string;
  rank: number;
  label: string;
}

/** The rank of a number that is never the visitor's phone (a fax, a pager): it goes to Notes. */
export const NEVER = -1_000_000;

/** A contact as read from a code, before choosing among several TEL/EMAIL and cleaning. */
export interface ContactDraft {
  name: string;
  company: string;
  title: string;
  phones: Candidate[];
  emails: Candidate[];
  /** Lines for Notes, in the order read. */
  notes: string[];
}

export function emptyDraft(): ContactDraft {
  return { name: '', company: '', title: '', phones: [], emails: [], notes: [] };
}

/** The fields cleaned to the visitor schema; a field left empty is left out. */
export function contactFields(raw: ContactFields): ContactFields {
  const fields: ContactFields = {};
  const name = clip(oneLine(raw.name ?? ''), LIMITS.name);
  const company = clip(oneLine(raw.company ?? ''), LIMITS.company);
  const title = clip(oneLine(raw.title ?? ''), LIMITS.title);
  const email = cleanEmail(raw.email ?? '');
  const phone = cleanPhone(raw.phone ?? '').phone;
  if (name) fields.name = name;
  if (company) fields.company = company;
  if (title) fields.title = title;
  if (email) fields.email = email;
  if (phone) fields.phone = phone;
  return fields;
}

/**
 * The draft's fields and Notes: the best-ranked phone and email become the fields (ties: the
 * first read); the others, a phone's extension and a vanity number as written go to Notes,
 * ahead of the draft's own note lines. Emails that do not look valid are left out.
 */
export function finishContact(draft: ContactDraft): { fields: ContactFields; notes: string } {
  const extra: string[] = [];
  const phone = choosePhone(draft.phones, extra);
  const email = chooseEmail(draft.emails, extra);
  const fields = contactFields({ name: draft.name, company: draft.company, title: draft.title, phone, email });
  return { fields, notes: joinNotes([...extra, ...draft.notes]) };
}

/** Lines for Notes: cleaned, empty and repeated lines dropped, cut to the schema's limit. */
export function joinNotes(lines: readonly string[]): string {
  const kept = new Set(lines.map(multiLine).filter((line) => line !== ''));
  return clip([...kept].join('\n'), LIMITS.notes);
}

function best(candidates: readonly Candidate[], usable: (c: Candidate) => boolean): Candidate | undefined {
  let chosen: Candidate | undefined;
  for (const c of candidates) if (c.rank !== NEVER && usable(c) && (!chosen || c.rank > chosen.rank)) chosen = c;
  return chosen;
}

function choosePhone(candidates: readonly Candidate[], notes: string[]): string {
  const chosen = best(candidates, (c) => cleanPhone(c.value).phone !== '');
  for (const c of candidates) {
    const { phone, extension, lossy } = cleanPhone(c.value);
    const written = lossy ? oneLine(c.value) : phone;
    if (c === chosen) {
      if (extension) notes.push(`Phone extension: ${extension}`);
      if (lossy) notes.push(`Phone as written: ${written}`);
    } else if (written) notes.push(`${c.label}: ${written}${extension ? ` ext. ${extension}` : ''}`);
  }
  return chosen ? cleanPhone(chosen.value).phone : '';
}

function chooseEmail(candidates: readonly Candidate[], notes: string[]): string {
  const chosen = best(candidates, (c) => cleanEmail(c.value) !== '');
  for (const c of candidates) {
    const email = cleanEmail(c.value);
    if (c !== chosen && email) notes.push(`${c.label}: ${email}`);
  }
  return chosen ? cleanEmail(chosen.value) : '';
}
