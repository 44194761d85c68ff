import { decodeBase64, decodePercent, textFromBytes } from './bytes';

/** Where an encoded contact starts: `BEGIN%3AVCARD`, `MECARD%3A`, half- or double-encoded. */
const ENCODED_START = /BEGIN(?::|%3A|%253A)VCARD|MECARD(?::|%3A|%253A)/i;
const DATA_URI = /^\s*data:text\/(?:x-)?vcard([^,]*),([\s\S]*)$/i;
/** Codes nest at most this deep (a URL carrying a percent-encoded, double-encoded vCard). */
const MAX_DEPTH = 3;

/**
 * The vCard or MECARD that `text` carries percent-encoded (whole, or as a URL's query
 * parameter) or in a `data:text/vcard` URI; else `text` unchanged.
 */
export function unwrapContact(text: string): string {
  let current = text;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const next = unwrapOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function unwrapOnce(text: string): string {
  if (isPlainContact(text)) return text;
  const data = DATA_URI.exec(text);
  if (data) return /;base64/i.test(data[1] ?? '') ? base64Text(data[2] ?? '') : decodePercent(data[2] ?? '', false);
  const at = text.search(ENCODED_START);
  if (at < 0) return text;
  const inQuery = at > 0 && /[=?&]$/.test(text.slice(0, at));
  const segment = inQuery ? text.slice(at).replace(/[&#][\s\S]*$/, '') : text.slice(at);
  // A form-encoded query writes spaces as `+`; one that also has `%20` wrote `+` as itself.
  return decodePercent(segment, inQuery && !/%20/i.test(segment));
}

/**
 * A contact already decoded: a vCard has real line breaks and a MECARD real `;` (neither
 * survives percent-encoding), so a `%` in it is text ("50% off"), not an escape.
 */
function isPlainContact(text: string): boolean {
  const start = text.trimStart();
  if (/^BEGIN:VCARD/i.test(start)) return /[\r\n]/.test(start);
  return /^MECARD:/i.test(start) && start.includes(';');
}

function base64Text(text: string): string {
  const bytes = decodeBase64(decodePercent(text, false));
  return bytes ? textFromBytes(bytes) : text;
}
