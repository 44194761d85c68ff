import { type Candidate, type ContactDraft, type ContactFields, NEVER, emptyDraft, finishContact } from './contact';
import { oneLine } from './clean';
import { splitEscaped, unescapeValue } from './escapes';
import { type VcardProperty, vcardProperties } from './vcardLines';

/**
 * The contact in a vCard (2.1, 3.0 or 4.0). Name: FN, else N. Company: the first ORG component;
 * the others (departments) go to Notes. Title: TITLE, else ROLE. Phone and email: the one
 * marked preferred, else by type (see `typeRank`); the rest, with URL, ADR and NOTE, go to Notes.
 * Properties a lead does not need (PHOTO, BDAY, NICKNAME, X-…) are dropped.
 */
export function readVcard(text: string): { fields: ContactFields; notes: string } {
  const properties = vcardProperties(text);
  const labels = groupLabels(properties);
  const draft = emptyDraft();
  let fn = '';
  let n = '';
  let role = '';
  for (const p of properties) {
    const label = labels.get(p.group) ?? '';
    switch (p.name) {
      case 'FN':
        fn ||= oneLine(unescapeValue(p.value));
        break;
      case 'N':
        n ||= formatN(p.value);
        break;
      case 'ORG':
        readOrg(p.value, draft);
        break;
      case 'TITLE':
        draft.title ||= oneLine(unescapeValue(p.value));
        break;
      case 'ROLE':
        role ||= oneLine(unescapeValue(p.value));
        break;
      case 'TEL':
        draft.phones.push(telCandidate(p, label));
        break;
      case 'EMAIL':
        draft.emails.push(emailCandidate(p, label));
        break;
      default:
        readNoteLine(p, label, draft);
    }
  }
  draft.name = fn || n;
  draft.title ||= role;
  return finishContact(draft);
}

function readNoteLine(p: VcardProperty, label: string, draft: ContactDraft): void {
  const value = unescapeValue(p.value).trim();
  if (!value) return;
  if (p.name === 'URL') draft.notes.push(`${label || 'Website'}: ${value}`);
  else if (p.name === 'NOTE') draft.notes.push(value);
  else if (p.name === 'ADR') {
    const address = components(p.value).join(', ');
    const kind = has(p, 'work') ? ' (work)' : has(p, 'home') ? ' (home)' : '';
    if (address) draft.notes.push(`${label || `Address${kind}`}: ${address}`);
  }
}

/** N is family;given;additional;prefix;suffix, read as "prefix given additional family suffix". */
function formatN(value: string): string {
  const [family = '', given = '', additional = '', prefix = '', suffix = ''] = splitEscaped(value, ';').map((part) =>
    splitEscaped(part, ',').map(unescapeValue).join(' '),
  );
  return oneLine([prefix, given, additional, family, suffix].join(' '));
}

function readOrg(value: string, draft: ContactDraft): void {
  if (draft.company) return;
  // Commas in ORG are text ("Acme, Inc."); only `;` separates the organisation from its units.
  const [company = '', ...units] = splitEscaped(value, ';').map((part) => oneLine(unescapeValue(part)));
  draft.company = company;
  const department = units.filter((u) => u !== '').join(', ');
  if (department) draft.notes.push(`Department: ${department}`);
}

/** ADR's components (and their comma lists) without the empty ones. */
function components(value: string): string[] {
  return splitEscaped(value, ';')
    .flatMap((part) => splitEscaped(part, ','))
    .map((part) => oneLine(unescapeValue(part)))
    .filter((part) => part !== '');
}

/**
 * Apple writes a label for a grouped property on a line of its own: `item1.X-ABLabel:Booth`
 * (or `_$!<Mobile>!$_` for its built-in labels).
 */
function groupLabels(properties: readonly VcardProperty[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const p of properties) {
    if (p.group && p.name === 'X-ABLABEL') labels.set(p.group, oneLine(unescapeValue(p.value).replace(/^_\$!<|>!\$_$/g, '')));
  }
  return labels;
}

function has(p: VcardProperty, type: string, label = ''): boolean {
  return (p.params.get('TYPE') ?? []).includes(type) || label.toLowerCase().includes(type);
}

/**
 * Preference: 4.0 `PREF=1` (most preferred) to `PREF=100`, 3.0 `TYPE=pref` and 2.1 bare `PREF`
 * as `PREF=1`. In steps of 10, so that any preference outranks any type (`typeRank` < 10).
 */
function prefRank(p: VcardProperty): number {
  const pref = Number(p.params.get('PREF')?.[0]);
  if (Number.isInteger(pref) && pref >= 1 && pref <= 100) return (101 - pref) * 10;
  return has(p, 'pref') ? 1000 : 0;
}

/**
 * Among numbers not marked preferred: a work mobile, then a mobile, then a work line, then an
 * untyped one, then home: at a show, the number that reaches the person at work. Fax and pager never.
 */
function typeRank(p: VcardProperty, label: string): number {
  const cell = has(p, 'cell', label) || has(p, 'mobile', label) || has(p, 'iphone', label);
  const work = has(p, 'work', label);
  if (cell) return work ? 4 : 3;
  if (work) return 2;
  return has(p, 'home', label) ? 0 : 1;
}

function telCandidate(p: VcardProperty, label: string): Candidate {
  const value = unescapeValue(p.value);
  if (has(p, 'fax', label)) return { value, rank: NEVER, label: label || 'Fax' };
  if (has(p, 'pager', label)) return { value, rank: NEVER, label: label || 'Pager' };
  const rank = prefRank(p) + typeRank(p, label);
  const kind = has(p, 'cell') ? 'Mobile' : has(p, 'work') ? 'Work phone' : has(p, 'home') ? 'Home phone' : 'Phone';
  return { value, rank, label: label || kind };
}

function emailCandidate(p: VcardProperty, label: string): Candidate {
  const work = has(p, 'work', label);
  const home = has(p, 'home', label);
  const rank = prefRank(p) + (work ? 2 : home ? 0 : 1);
  return { value: unescapeValue(p.value), rank, label: label || (work ? 'Work email' : home ? 'Home email' : 'Email') };
}
