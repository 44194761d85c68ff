import { describe, expect, it } from 'vitest';
import { findContacts } from './cardPatterns';

describe('findContacts: one card line', () => {
  it('finds emails, fixing OCR slips', () => {
    expect(findContacts('E: Ada.Lovelace@Example.com').emails).toEqual(['ada.lovelace@example.com']);
    expect(findContacts('ada @ example.com').emails).toEqual(['ada@example.com']);
    expect(findContacts('ada(at)example(dot)co.uk').emails).toEqual(['ada@example.co.uk']);
    expect(findContacts('ada [at] example.org.').emails).toEqual(['ada@example.org']);
    expect(findContacts('a@b.io, c@d.io, a@b.io').emails).toEqual(['a@b.io', 'c@d.io']);
    expect(findContacts('Ada @ Analytical').emails).toEqual([]);
  });

  it('finds phones in international and local formats, with their labels', () => {
    expect(findContacts('Tel: +44 20 7946 0958').phones).toEqual([{ phone: '+44 20 7946 0958', kind: 'phone' }]);
    expect(findContacts('T +44 (0)20 7946 0958').phones).toEqual([{ phone: '+44 (0)20 7946 0958', kind: 'phone' }]);
    expect(findContacts('M: 07700 900123').phones).toEqual([{ phone: '07700 900123', kind: 'mobile' }]);
    expect(findContacts('Mobile +1.415.555.0132').phones).toEqual([{ phone: '+1.415.555.0132', kind: 'mobile' }]);
    expect(findContacts('Phone (415) 555-0132').phones).toEqual([{ phone: '(415) 555-0132', kind: 'phone' }]);
    expect(findContacts('089/1234567').phones).toEqual([{ phone: '089 1234567', kind: 'phone' }]);
    expect(findContacts('Tel/Fax: 01 23 45 67 89').phones).toEqual([{ phone: '01 23 45 67 89', kind: 'phone' }]);
  });

  it('tells a fax by its label', () => {
    expect(findContacts('Fax: +44 20 7946 0999').phones).toEqual([{ phone: '+44 20 7946 0999', kind: 'fax' }]);
    expect(findContacts('F. +44 20 7946 0999').phones[0]?.kind).toBe('fax');
  });

  it('finds several phones on one line', () => {
    expect(findContacts('T +44 20 7946 0958 / M +44 7700 900123 | F +44 20 7946 0999').phones).toEqual([
      { phone: '+44 20 7946 0958', kind: 'phone' },
      { phone: '+44 7700 900123', kind: 'mobile' },
      { phone: '+44 20 7946 0999', kind: 'fax' },
    ]);
  });

  it('fixes O for 0 and l for 1 in phone digits only', () => {
    expect(findContacts('Tel: +44 (O)2O 7946 O958').phones[0]?.phone).toBe('+44 (0)20 7946 0958');
    expect(findContacts('Mob. O77OO 9OOl23').phones[0]?.phone).toBe('07700 900123');
    expect(findContacts('Office').pieces).toEqual(['Office']);
  });

  it('drops an extension it cannot represent', () => {
    expect(findContacts('Direct: +1 555 010 0100 ext. 204')).toMatchObject({ phones: [{ phone: '+1 555 010 0100', kind: 'phone' }], pieces: [] });
  });

  it('skips numbers too short or too long to be phones', () => {
    expect(findContacts('Suite 400, 80331 München').phones).toEqual([]);
    expect(findContacts('Tel 12345').phones).toEqual([]);
    expect(findContacts('1234567890123456789').phones).toEqual([]);
  });

  it('finds URLs with or without a scheme', () => {
    expect(findContacts('https://analytical-engines.example/team').urls).toEqual(['https://analytical-engines.example/team']);
    expect(findContacts('Web: www.acme.example.').urls).toEqual(['www.acme.example']);
    expect(findContacts('acme.io/events').urls).toEqual(['acme.io/events']);
    expect(findContacts('ada@acme.io').urls).toEqual([]);
    expect(findContacts('Acme Co. Ltd.').urls).toEqual([]);
  });

  it('leaves the rest of the line in pieces, labels and values taken out', () => {
    expect(findContacts('Acme Ltd · www.acme.com').pieces).toEqual(['Acme Ltd']);
    expect(findContacts('Ada Lovelace | CEO').pieces).toEqual(['Ada Lovelace', 'CEO']);
    expect(findContacts('Email: ada@x.io  Tel: +44 20 7946 0958').pieces).toEqual([]);
    expect(findContacts('Web Solutions Ltd').pieces).toEqual(['Web Solutions Ltd']);
  });
});
