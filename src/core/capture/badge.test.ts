import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visitorPatchSchema } from '../protocol/visitor';
import { readBadge } from './badge';
import * as api from './index';

const VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Núñez\r\nORG:Acme+Partners\r\nTEL;TYPE=cell:+34 600 123 456\r\nEMAIL:jose@acme.example\r\nNOTE:50% off\r\nEND:VCARD';
const VCARD_FIELDS = { name: 'José Núñez', company: 'Acme+Partners', phone: '+34 600 123 456', email: 'jose@acme.example' };

describe('readBadge: codes that carry a contact encoded', () => {
  it('reads a percent-encoded vCard', () => {
    expect(readBadge(encodeURIComponent(VCARD))).toEqual({ kind: 'vcard', fields: VCARD_FIELDS, notes: '50% off' });
    expect(readBadge('BEGIN%3AVCARD%0AVERSION%3A3.0%0AFN%3AAda%20Lovelace%0AEND%3AVCARD').fields).toEqual({ name: 'Ada Lovelace' });
  });

  it('reads a half-encoded and a double-encoded vCard', () => {
    expect(readBadge('BEGIN:VCARD%0AVERSION:3.0%0AFN:Ada Lovelace%0AEND:VCARD').fields).toEqual({ name: 'Ada Lovelace' });
    expect(readBadge(encodeURIComponent(encodeURIComponent(VCARD))).fields).toEqual(VCARD_FIELDS);
  });

  it('reads a vCard in a URL query, encoded either way', () => {
    const component = `https://badges.example/scan?event=42&vcard=${encodeURIComponent(VCARD)}&sig=abc`;
    expect(readBadge(component)).toEqual({ kind: 'vcard', fields: VCARD_FIELDS, notes: '50% off' });
    const form = `https://badges.example/scan?${new URLSearchParams({ v: VCARD }).toString()}`;
    expect(readBadge(form).fields).toEqual(VCARD_FIELDS);
  });

  it('reads a data: URI, percent-encoded or base64', () => {
    expect(readBadge(`data:text/vcard;charset=utf-8,${encodeURIComponent(VCARD)}`).fields).toEqual(VCARD_FIELDS);
    const base64 = Buffer.from(VCARD, 'utf8').toString('base64');
    expect(readBadge(`data:text/x-vcard;base64,${base64}`).fields).toEqual(VCARD_FIELDS);
  });

  it('reads a percent-encoded MECARD', () => {
    const code = encodeURIComponent('MECARD:N:Doe,John;TEL:+1 555 1234;;');
    expect(readBadge(code)).toEqual({ kind: 'mecard', fields: { name: 'John Doe', phone: '+1 555 1234' }, notes: '' });
  });

  it('does not decode a plain vCard: a % in it is text', () => {
    expect(readBadge('BEGIN:VCARD\nFN:A B\nNOTE:100%25 sure\nEND:VCARD').notes).toBe('100%25 sure');
  });
});

describe('readBadge: codes that are not a contact', () => {
  it('keeps a URL for Notes', () => {
    expect(readBadge(' https://reg.example.com/b/7Q2X?e=2026 ')).toEqual({ kind: 'url', fields: {}, notes: 'https://reg.example.com/b/7Q2X?e=2026' });
    expect(readBadge('HTTP://EXAMPLE.COM/R/42').kind).toBe('url');
  });

  it('keeps a registration id or other text for Notes', () => {
    expect(readBadge('REG-2026-004213')).toEqual({ kind: 'text', fields: {}, notes: 'REG-2026-004213' });
    expect(readBadge('  004213\n')).toEqual({ kind: 'text', fields: {}, notes: '004213' });
    const json = '{"id":"A-17","name":"Ada Lovelace"}';
    expect(readBadge(json)).toEqual({ kind: 'text', fields: {}, notes: json });
    expect(readBadge('ftp://files.example/x').kind).toBe('text');
    expect(readBadge('see https://x.example').kind).toBe('text');
  });

  it('cuts long text and drops control characters', () => {
    expect(readBadge('x'.repeat(50_000)).notes).toHaveLength(2_000);
    expect(readBadge('\u0002REG\u001d4213\u0004').notes).toBe('REG4213');
    expect(readBadge('')).toEqual({ kind: 'text', fields: {}, notes: '' });
  });

  it('never throws, on garbage or on what is not a string', () => {
    const odd = ['BEGIN:VCARD', 'BEGIN:VCARD\n:::\n;;;\nTEL;;;=:\nEND:VCARD', 'MECARD:', 'MECARD:;;;:::\\', '%E0%A4%A', 'data:text/vcard;base64,@@@', '\uD800', 'BEGIN%3AVCARD%ZZ'];
    for (const text of odd) expect(() => readBadge(text)).not.toThrow();
    for (const value of [null, undefined, 42, {}, []]) expect(readBadge(value as unknown as string)).toEqual({ kind: 'text', fields: {}, notes: '' });
  });

  it('reads long hostile input in one pass (no runaway backtracking)', () => {
    const n = 60_000;
    const hostile = [
      `BEGIN:VCARD\nTEL:${' '.repeat(n)}a\nEMAIL:${'a.'.repeat(n / 2)}\nEND:VCARD`,
      `BEGIN:VCARD\n${' x\n'.repeat(n / 3)}END:VCARD`,
      `MECARD:${'TEL:1;'.repeat(n / 6)}`,
      `BEGIN%3AVCARD${'%0A'.repeat(n / 3)}`,
      '%'.repeat(n),
    ];
    for (const text of hostile) expect(readBadge(text).notes.length).toBeLessThanOrEqual(10_000);
  });

  it('always returns fields and notes the visitor schema accepts', () => {
    const fragments = fc.constantFrom('BEGIN:VCARD\n', 'END:VCARD', 'FN:', 'TEL;TYPE=cell:', 'EMAIL:', 'N:', ';', ':', '\\', '\n ', '%0A', '%3A', 'MECARD:', '=C3', 'ENCODING=QUOTED-PRINTABLE', '+1 555', 'x@y.io');
    const texts = fc.oneof(fc.string(), fc.array(fc.oneof(fragments, fc.string({ maxLength: 5 })), { maxLength: 30 }).map((a) => a.join('')));
    fc.assert(
      fc.property(texts, (text) => {
        const reading = readBadge(text);
        expect(['vcard', 'mecard', 'url', 'text']).toContain(reading.kind);
        expect(visitorPatchSchema.safeParse({ ...reading.fields, notes: reading.notes }).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('index', () => {
  it('re-exports the public API', () => {
    expect(api.readBadge).toBe(readBadge);
    expect(typeof api.readCard).toBe('function');
  });
});
