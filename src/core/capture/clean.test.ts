import { describe, expect, it } from 'vitest';
import { LIMITS, clip, cleanEmail, cleanPhone, multiLine, oneLine } from './clean';
import { contactFields, finishContact, emptyDraft, NEVER } from './contact';

describe('clean values', () => {
  it('clip cuts to the limit without splitting a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abcd');
    expect(clip('abc', 4)).toBe('abc');
    expect(clip('ab😀', 3)).toBe('ab');
  });

  it('oneLine and multiLine drop control characters and extra whitespace', () => {
    expect(oneLine('  Ada\n\tLovelace\u0000 ')).toBe('Ada Lovelace');
    expect(multiLine(' one \r\ntwo\u0007\n\n\n\nthree ')).toBe('one\ntwo\n\nthree');
  });

  it('cleanEmail lower-cases a valid address and leaves out the rest', () => {
    expect(cleanEmail(' Ada@Analytical-Engines.COM ')).toBe('ada@analytical-engines.com');
    expect(cleanEmail('mailto:j@x.io?subject=Hi')).toBe('j@x.io');
    expect(cleanEmail('<j@x.io>')).toBe('j@x.io');
    for (const bad of ['', 'not an email', 'a@b', 'a b@x.io', '@x.io', `${'a'.repeat(250)}@x.io`]) expect(cleanEmail(bad)).toBe('');
  });

  it('cleanPhone keeps the characters the schema accepts', () => {
    expect(cleanPhone('tel:+1-555-555-0100')).toEqual({ phone: '+1-555-555-0100', extension: '', lossy: false });
    expect(cleanPhone('+44 (0)20 7946 0958').phone).toBe('+44 (0)20 7946 0958');
    expect(cleanPhone('+1 555 0100 (mobile)').phone).toBe('+1 555 0100');
    expect(cleanPhone('＋８１ ３ １２３４ ５６７８').phone).toBe('+81 3 1234 5678');
    expect(cleanPhone('n/a').phone).toBe('');
    expect(cleanPhone('12').phone).toBe('');
  });

  it('cleanPhone cuts extensions off', () => {
    expect(cleanPhone('tel:+1-555-555-0100;ext=102')).toMatchObject({ phone: '+1-555-555-0100', extension: '102' });
    expect(cleanPhone('+1 555 0100 ext. 204')).toMatchObject({ phone: '+1 555 0100', extension: '204' });
    expect(cleanPhone('555-0100x7')).toMatchObject({ phone: '555-0100', extension: '7' });
    expect(cleanPhone('+1 555 0100 #12')).toMatchObject({ phone: '+1 555 0100', extension: '12' });
    expect(cleanPhone('tel:+1-555-0100;phone-context=example.com').phone).toBe('+1-555-0100');
  });

  it('cleanPhone dials a vanity number and says so', () => {
    expect(cleanPhone('1-800-FLOWERS')).toEqual({ phone: '1-800-3569377', extension: '', lossy: true });
  });

  it('cleanPhone cuts to the limit', () => {
    expect(cleanPhone('1'.repeat(80)).phone).toHaveLength(LIMITS.phone);
  });

  it('contactFields leaves empty fields out and cuts long ones', () => {
    expect(contactFields({ name: '  ', company: 'Acme', email: 'bad', phone: 'none' })).toEqual({ company: 'Acme' });
    expect(contactFields({ name: 'x'.repeat(300) }).name).toHaveLength(LIMITS.name);
  });

  it('finishContact picks the best-ranked usable candidate and keeps the rest in Notes', () => {
    const draft = emptyDraft();
    draft.phones.push({ value: '+1 555 0199', rank: NEVER, label: 'Fax' });
    draft.phones.push({ value: 'unknown', rank: 50, label: 'Phone' });
    draft.phones.push({ value: '+1 555 0100 x5', rank: 2, label: 'Work phone' });
    draft.phones.push({ value: '+1 555 0101', rank: 1, label: 'Home phone' });
    draft.emails.push({ value: 'broken@', rank: 9, label: 'Email' }, { value: 'a@x.io', rank: 1, label: 'Email' });
    draft.notes.push('Note', 'Note');
    expect(finishContact(draft)).toEqual({
      fields: { phone: '+1 555 0100', email: 'a@x.io' },
      notes: 'Fax: +1 555 0199\nPhone extension: 5\nHome phone: +1 555 0101\nNote',
    });
  });

  it('finishContact cuts Notes to the schema limit', () => {
    const draft = emptyDraft();
    draft.notes.push('a'.repeat(6000), 'b'.repeat(6000));
    expect(finishContact(draft).notes).toHaveLength(LIMITS.notes);
  });
});
