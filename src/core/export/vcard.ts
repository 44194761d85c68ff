import type { LeadForExport } from './leads';

/** RFC 6350 text escaping: backslash, comma, semicolon and line breaks. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 6350 §3.2), never inside a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The name as N wants it: family name, then given names (a best guess: the last word is the family name). */
function structuredName(name: string): string {
  const words = name.trim().split(/\s+/);
  const family = words.length > 1 ? words.pop()! : '';
  return [family, words.join(' '), '', '', ''].map(escapeText).join(';');
}

/** One vCard 4.0 per lead. */
export function leadsToVcard(leads: readonly LeadForExport[]): string {
  return leads.map(({ data }) => {
    const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(data.name)}`, `N:${structuredName(data.name)}`];
    if (data.company) lines.push(`ORG:${escapeText(data.company)}`);
    if (data.title) lines.push(`TITLE:${escapeText(data.title)}`);
    if (data.email) lines.push(`EMAIL:${escapeText(data.email)}`);
    if (data.phone) lines.push(`TEL;VALUE=uri:tel:${data.phone.replace(/[^0-9+]/g, '')}`);
    if (data.interests.length) lines.push(`CATEGORIES:${data.interests.map(escapeText).join(',')}`);
    if (data.notes) lines.push(`NOTE:${escapeText(data.notes)}`);
    lines.push('END:VCARD');
    return lines.map(fold).join('\r\n') + '\r\n';
  }).join('');
}
