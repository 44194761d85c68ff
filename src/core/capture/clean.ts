import { visitorPatchSchema } from '../protocol/visitor';

/** The visitor schema's limits (src/core/protocol/visitor.ts): a value is cut to them, never rejected. */
export const LIMITS = { name: 200, company: 200, title: 200, email: 254, phone: 50, notes: 10_000 } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARS = /[^0-9+()\-.\s]/g;
/** An extension at the end of a number: `;ext=12` (tel: URI), `ext. 12`, `x12`, `#12`, `,12`. */
const EXTENSION = /(?:;\s*ext=|\s*(?:extension|ext\.?|x|#|,|;)\s*:?\s*)(\d{1,8})\s*$/i;
/** Letters run into digits: a vanity number (`1-800-FLOWERS`), dialled as the keypad's digits. */
const VANITY = /(?<=\d[-.]?)[a-z]+|[a-z]+(?=[-.]?\d)/gi;
const KEYPAD = ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'];

/** `text` cut to `max` UTF-16 units, never between the halves of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}

/** One line: control characters and whitespace runs (newlines too) become one space. */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\uFEFF\u200B]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Text that may span lines: control characters go (but line breaks and tabs), lines are trimmed. */
export function multiLine(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n\t]+/g, ' ')
    .replace(/(?![\n\t])[\p{Cc}\uFEFF\u200B]/gu, '')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The address lower-cased, or '' unless it looks valid and the visitor schema accepts it. */
export function cleanEmail(raw: string): string {
  const email = raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/\?.*$/, '')
    .replace(/^<|>$/g, '')
    .trim()
    .toLowerCase();
  if (email.length > LIMITS.email || !EMAIL.test(email)) return '';
  return visitorPatchSchema.safeParse({ email }).success ? email : '';
}

export interface CleanPhone {
  /** Digits, spaces and + ( ) - . only; '' when fewer than 3 digits are left. */
  phone: string;
  /** The extension cut off the end ('' when none): the phone field cannot hold one. */
  extension: string;
  /** Whether letters run into the digits were dialled as digits (a vanity number): keep the original somewhere. */
  lossy: boolean;
}

export function cleanPhone(raw: string): CleanPhone {
  let text = raw.normalize('NFKC').trim().replace(/^(?:tel|callto):/i, '');
  let extension = '';
  const ext = EXTENSION.exec(text);
  if (ext && ext.index > 0 && /\d/.test(text.slice(0, ext.index))) {
    extension = ext[1] ?? '';
    text = text.slice(0, ext.index);
  }
  text = text.replace(/;.*$/, ''); // the other parameters of a tel: URI (phone-context=…)
  const lossy = text.search(VANITY) >= 0;
  const phone = text
    .replace(VANITY, (letters) => [...letters.toLowerCase()].map(keypadDigit).join(''))
    .replace(/\([^\d)]*\)/g, ' ') // a word in brackets: "(mobile)"
    .replace(PHONE_CHARS, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-.)]+|[\s\-.(+]+$/g, '');
  const digits = phone.replace(/\D/g, '').length;
  return { phone: digits >= 3 ? clip(phone, LIMITS.phone) : '', extension, lossy: lossy && digits >= 3 };
}

function keypadDigit(letter: string): string {
  return String(KEYPAD.findIndex((keys) => keys.includes(letter)) + 2);
}
