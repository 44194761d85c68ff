import { describe, expect, it } from 'vitest';
import { decodeBase64, decodePercent, decodeQuotedPrintable, textFromBytes } from './bytes';

describe('byte decoding', () => {
  it('reads UTF-8, and Latin-1 when the bytes are not UTF-8', () => {
    expect(textFromBytes([0xc3, 0xa9])).toBe('é');
    expect(textFromBytes([0xe9])).toBe('é');
    expect(textFromBytes([0xc3, 0xa9], 'ISO-8859-1')).toBe('Ã©');
  });

  it('decodes percent escapes, leaving a stray % alone', () => {
    expect(decodePercent('BEGIN%3AVCARD%0AFN%3AJos%C3%A9', false)).toBe('BEGIN:VCARD\nFN:José');
    expect(decodePercent('50%+off%zz', false)).toBe('50%+off%zz');
    expect(decodePercent('a+b%2Bc', true)).toBe('a b+c');
  });

  it('decodes quoted-printable in its charset', () => {
    expect(decodeQuotedPrintable('Jos=C3=A9 M=C3=BCller', 'utf-8')).toBe('José Müller');
    expect(decodeQuotedPrintable('Jos=E9', 'iso-8859-1')).toBe('José');
    expect(decodeQuotedPrintable('a=b', 'utf-8')).toBe('a=b');
  });

  it('decodes base64 and base64url', () => {
    expect(textFromBytes(decodeBase64('QkVHSU46VkNBUkQ=') ?? [])).toBe('BEGIN:VCARD');
    expect(textFromBytes(decodeBase64('w6k') ?? [])).toBe('é');
    expect(decodeBase64('not base64!')).toBeNull();
  });
});
