import { cleanEmail, cleanPhone } from './clean';
import { EMAIL_LABELS, PHONE_LABELS, WEB_LABELS } from './cardWords';
import { trimNoise } from './cardLines';

export interface CardPhone {
  phone: string;
  kind: 'mobile' | 'phone' | 'fax';
}

/** What one card line holds: contact values by pattern, and the text left for the layout. */
export interface LineContacts {
  emails: string[];
  phones: CardPhone[];
  urls: string[];
  /** The rest of the line, split at separators ("|", "•", " — "), labels and values taken out. */
  pieces: string[];
}

/** An address, with the OCR slips " @ ", "(at)", "[at]" and "(dot)". */
const EMAIL = /[a-z0-9._%+'-]+\s*(?:@|[([{]at[)\]}])\s*[a-z0-9-]+(?:(?:\.|\s*[([{]dot[)\]}]\s*)[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9-])/gi;
const URL_PATTERN = new RegExp(
  '(?:https?://|www\\.)[^\\s,;<>"\'|]+' +
    '|(?<![\\p{L}\\p{N}.@-])[a-z0-9][a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.' +
    '(?:com|org|net|io|co|ai|app|dev|biz|info|eu|uk|de|fr|nl|be|ch|at|es|it|se|no|dk|fi|pl|us|ca|au|nz|jp|in|sg|tech|cloud)' +
    '(?![\\p{L}\\p{N}-])(?:/[^\\s,;<>"\'|]*)?',
  'giu',
);
/** A phone number: digits with spaces, ( ) . - between them, `/` only right before a digit (089/1234). */
const PHONE = /\+?\(?\d(?:[\d\s().-]|\/(?=\d))*\d/g;
const EXTENSION = /^\s*(?:ext\.?|extension|x)\s*\d{1,6}/i;
const DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;
const SEPARATORS = /\s*[|¦•·]\s*|\s+[—–]\s+/;

const labelAtEnd = (labels: readonly string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${labels.join('|').replace(/\//g, '\\/')})\\.?\\s*[:.]?\\s*$`, 'iu');
const EMAIL_LABEL = labelAtEnd(EMAIL_LABELS);
const WEB_LABEL = labelAtEnd(WEB_LABELS);
const PHONE_LABEL = labelAtEnd([...PHONE_LABELS.fax, ...PHONE_LABELS.mobile, ...PHONE_LABELS.phone].sort((a, b) => b.length - a.length));

interface Span {
  start: number;
  end: number;
}

export function findContacts(text: string): LineContacts {
  const found: LineContacts = { emails: [], phones: [], urls: [], pieces: [] };
  let rest = cut(text, EMAIL, EMAIL_LABEL, (value) => keep(found.emails, cleanEmail(normaliseEmail(value))));
  rest = cut(rest, URL_PATTERN, WEB_LABEL, (value) => keep(found.urls, value.replace(/[.,:;!?)\]]+$/, '')));
  rest = cutPhones(rest, found.phones);
  found.pieces = rest
    .split(SEPARATORS)
    .map(trimNoise)
    .filter((piece) => (piece.match(/\p{L}/gu) ?? []).length >= 2);
  return found;
}

function normaliseEmail(value: string): string {
  return value.replace(/\s*[([{]at[)\]}]\s*/i, '@').replace(/\s*[([{]dot[)\]}]\s*/gi, '.').replace(/\s+/g, '');
}

function keep(list: string[], value: string): boolean {
  if (value && !list.includes(value)) list.push(value);
  return value !== '';
}

/** `text` with each match `accept`ed, and the label just before it, replaced by a separator. */
function cut(text: string, pattern: RegExp, label: RegExp, accept: (value: string) => boolean): string {
  const spans: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    if (!accept(m[0])) continue;
    const before = text.slice(spans.at(-1)?.end ?? 0, m.index);
    const labelled = label.exec(before);
    spans.push({ start: labelled ? m.index - before.length + labelled.index : m.index, end: m.index + m[0].length });
  }
  return withoutSpans(text, spans);
}

function withoutSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let from = 0;
  for (const span of spans) {
    out += `${text.slice(from, span.start)} | `;
    from = span.end;
  }
  return out + text.slice(from);
}

/**
 * Phones, read on a copy with OCR's digit slips fixed (O for 0, l or I between digits for 1;
 * same length, so positions match the line). A labelled number needs 6 digits, a bare one 7
 * (fewer is a postcode or a street number); at most 15 (E.164).
 */
function cutPhones(text: string, phones: CardPhone[]): string {
  const fixed = fixDigitSlips(text);
  const spans: Span[] = [];
  for (const m of fixed.matchAll(PHONE)) {
    const before = text.slice(spans.at(-1)?.end ?? 0, m.index);
    const labelled = PHONE_LABEL.exec(before);
    const digits = m[0].replace(/\D/g, '').length;
    if (digits < (labelled ? 6 : 7) || digits > 15 || DATE.test(m[0])) continue;
    const phone = cleanPhone(m[0]).phone;
    if (!phone) continue;
    phones.push({ phone, kind: labelKind(labelled?.[0] ?? '') });
    const end = m.index + m[0].length;
    const ext = EXTENSION.exec(text.slice(end));
    spans.push({ start: labelled ? m.index - before.length + labelled.index : m.index, end: end + (ext?.[0].length ?? 0) });
  }
  return withoutSpans(text, spans);
}

function fixDigitSlips(text: string): string {
  const once = (t: string) =>
    t
      .replace(/(?<=[\d+])[Oo]|[Oo](?=\d)|(?<=\()[Oo](?=\))/g, '0')
      .replace(/(?<=\d)[Il](?=\d)/g, '1');
  return once(once(text));
}

function labelKind(label: string): CardPhone['kind'] {
  const word = label.replace(/[\s.:]+$/, '').toLowerCase();
  if (PHONE_LABELS.fax.includes(word)) return 'fax';
  return PHONE_LABELS.mobile.includes(word) ? 'mobile' : 'phone';
}
