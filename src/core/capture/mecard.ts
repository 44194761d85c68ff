import { type ContactFields, NEVER, emptyDraft, finishContact } from './contact';
import { oneLine } from './clean';
import { splitEscaped, unescapeValue } from './escapes';

/**
 * The contact in a MECARD (`MECARD:N:Doe,John;TEL:…;EMAIL:…;;`): fields end at an unescaped
 * `;`, values use `\` escapes. N "Last,First" reads "First Last". ORG and TITLE (common
 * extensions) fill company and title. The first TEL and EMAIL win, the rest go to Notes with
 * TEL-AV (a video phone), URL, ADR and NOTE. SOUND, BDAY and NICKNAME are dropped.
 */
export function readMecard(text: string): { fields: ContactFields; notes: string } {
  const draft = emptyDraft();
  for (const field of splitEscaped(text.trim().replace(/^MECARD:/i, ''), ';')) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const raw = field.slice(colon + 1);
    const value = unescapeValue(raw).trim();
    if (!value) continue;
    switch (field.slice(0, colon).trim().toUpperCase()) {
      case 'N':
        draft.name ||= mecardName(raw);
        break;
      case 'ORG':
        draft.company ||= value;
        break;
      case 'TITLE':
        draft.title ||= value;
        break;
      case 'TEL':
        draft.phones.push({ value, rank: -draft.phones.length, label: 'Phone' });
        break;
      case 'TEL-AV':
        draft.phones.push({ value, rank: NEVER, label: 'Video phone' });
        break;
      case 'EMAIL':
        draft.emails.push({ value, rank: -draft.emails.length, label: 'Email' });
        break;
      case 'URL':
        draft.notes.push(`Website: ${value}`);
        break;
      case 'ADR':
        draft.notes.push(`Address: ${commaList(raw).join(', ')}`);
        break;
      case 'NOTE':
        draft.notes.push(value);
        break;
    }
  }
  return finishContact(draft);
}

function mecardName(raw: string): string {
  const [last = '', ...given] = commaList(raw);
  return oneLine([...given, last].join(' '));
}

function commaList(raw: string): string[] {
  return splitEscaped(raw, ',')
    .map((part) => oneLine(unescapeValue(part)))
    .filter((part) => part !== '');
}
