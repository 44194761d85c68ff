import { describe, expect, it } from 'vitest';
import { domainKey, isNameShaped, readLayout, type Piece } from './cardLayout';

const pieces = (...rows: [string, number][]): Piece[] => rows.map(([text, height], i) => ({ text, height, top: i * 20 }));

describe('card layout', () => {
  it('knows a name when it sees one', () => {
    for (const name of ['Ada Lovelace', 'Ludwig van Beethoven', "Conan O'Brien", 'Jean-Luc Picard', 'J. R. R. Tolkien', 'ADA LOVELACE', 'Ada Lovelace, PhD', 'José Núñez'])
      expect(isNameShaped(name), name).toBe(true);
    for (const text of ['Ada', 'ada lovelace', 'Chief Executive Officer', 'Acme GmbH', 'Blue Ocean Labs', 'Room 101', 'ada@x.io', 'One Two Three Four Five', 'Sales & Marketing'])
      expect(isNameShaped(text), text).toBe(false);
  });

  it('reads the organisation out of a domain', () => {
    expect(domainKey('analytical-engines.com')).toBe('analyticalengines');
    expect(domainKey('mail.acme.co.uk')).toBe('acme');
    expect(domainKey('https://www.acme.com.au/team')).toBe('acme');
    expect(domainKey('gmail.com')).toBe('');
    expect(domainKey('localhost')).toBe('');
  });

  it('matches a line to the domain by its words or initials', () => {
    const hints = (domain: string) => ({ domains: [domain], localParts: [] });
    expect(readLayout(pieces(['International Business Machines', 12], ['Ada Lovelace', 24]), hints('ibm.com')).company).toBe('International Business Machines');
    expect(readLayout(pieces(['Acme', 12], ['Ada Lovelace', 24]), hints('acme-corp.com')).company).toBe('Acme');
    expect(readLayout(pieces(['Other Things', 12], ['Ada Lovelace', 24]), hints('acme.com')).company).toBeUndefined();
  });

  it('keeps the name when the person has a domain of their own', () => {
    expect(readLayout(pieces(['Ada Lovelace', 24]), { domains: ['lovelace.io'], localParts: ['ada'] })).toEqual({ name: 'Ada Lovelace' });
  });

  it('prefers the name matching the email, then the tallest, then the topmost', () => {
    const two = pieces(['Grace Hopper', 24], ['Ada Lovelace', 24]);
    expect(readLayout(two, { domains: [], localParts: [] }).name).toBe('Grace Hopper');
    expect(readLayout(two, { domains: [], localParts: ['ada.l'] }).name).toBe('Ada Lovelace');
    expect(readLayout(pieces(['Grace Hopper', 14], ['Ada Lovelace', 24]), { domains: [], localParts: [] }).name).toBe('Ada Lovelace');
  });

  it('takes the title nearest the name, and a title word over a company word', () => {
    const layout = readLayout(pieces(['Head of Solutions', 12], ['Ada Lovelace', 24], ['Acme Solutions', 12], ['Sales Director', 12]), { domains: [], localParts: [] });
    expect(layout).toEqual({ name: 'Ada Lovelace', title: 'Head of Solutions', company: 'Acme Solutions' });
  });
});
