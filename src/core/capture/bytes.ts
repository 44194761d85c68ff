// Byte-level decoding for codes: percent-encoding, base64 and quoted-printable, with UTF-8
// done by hand (core has no TextDecoder). Nothing here throws on bad input.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The text of `bytes`: UTF-8 when they are valid UTF-8 and `charset` allows it, else Latin-1. */
export function textFromBytes(bytes: readonly number[], charset = 'utf-8'): string {
  const latin1 = () => bytes.map((b) => String.fromCharCode(b)).join('');
  if (/^(?:iso-8859-1|latin-?1|windows-1252|cp1252|us-ascii)$/i.test(charset)) return latin1();
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return latin1();
  }
}

/**
 * `%XX` escapes decoded; a run that is not valid UTF-8 is read as Latin-1. With `plusIsSpace`
 * (a form-encoded query string) `+` is a space.
 */
export function decodePercent(text: string, plusIsSpace: boolean): string {
  const spaced = plusIsSpace ? text.replace(/\+/g, ' ') : text;
  return spaced.replace(/(?:%[0-9a-f]{2})+/gi, (run) => textFromBytes(hexPairs(run.replace(/%/g, ''))));
}

/** Quoted-printable (`=C3=A9`) decoded as `charset`; a lone `=` stays. */
export function decodeQuotedPrintable(text: string, charset: string): string {
  return text.replace(/(?:=[0-9a-f]{2})+/gi, (run) => textFromBytes(hexPairs(run.replace(/=/g, '')), charset));
}

/** The bytes of base64 (or base64url) text, or null when it is not base64. */
export function decodeBase64(text: string): number[] | null {
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | BASE64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return bytes;
}

function hexPairs(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}
