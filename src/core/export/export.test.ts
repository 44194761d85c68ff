import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { visitorData } from '../testing/visitorData';
import { leadsToCsv, neutralizeFormula } from './csv';
import { LEAD_COLUMNS } from './leads';
import { leadsToVcard } from './vcard';

const tricky = visitorData({
  name: 'Grace "Amazing" Hopper, PhD',
  company: '=HYPERLINK("http://evil.example","click")',
  notes: 'Line one\nLine two',
  interests: ['compilers', 'COBOL'],
  phone: '+1 (555) 010-0199',
  consent: true,
});

describe('the CSV export', () => {
  it('starts with a BOM, has the header row and one row per visitor, and reads back cell for cell', () => {
    const csv = leadsToCsv([{ data: { ...tricky, capturedBy: 'ada@example.com', consentAt: '2026-11-20T10:05:00.000Z' } }, { data: visitorData() }]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, first, second] = parsed.data;
    expect(header).toEqual(LEAD_COLUMNS.map(([, label]) => label));
    expect(parsed.data).toHaveLength(3);
    expect(Object.fromEntries(header!.map((h, i) => [h, first![i]]))).toEqual({
      Name: 'Grace "Amazing" Hopper, PhD',
      Company: `'=HYPERLINK("http://evil.example","click")`,
      Title: 'Mathematician',
      Email: 'ada@example.com',
      Phone: `'+1 (555) 010-0199`,
      Interests: 'compilers; COBOL',
      Notes: 'Line one\nLine two',
      Rating: '4',
      'Follow up': 'no',
      'Capture method': 'Business card',
      'Captured at': '2025-05-01T10:00:00.000Z',
      'Captured by': 'ada@example.com',
      Consent: 'yes',
      'Consent at': '2026-11-20T10:05:00.000Z',
    });
    expect(second![header!.indexOf('Consent')]).toBe('no');
    expect(second![header!.indexOf('Captured by')]).toBe('');
  });

  it('neutralizes every cell a spreadsheet would run as a formula, and nothing else', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['Ada', '1+1', 'a=b', '', ' =1']) expect(neutralizeFormula(cell)).toBe(cell);
  });
});

describe('the vCard export', () => {
  it('writes one vCard 4.0 per visitor, escaping text and folding long lines at 75 octets', () => {
    const cards = leadsToVcard([{ data: tricky }, { data: visitorData({ notes: 'é'.repeat(60) }) }]);
    const unfolded = cards.replace(/\r\n /g, '');
    expect(cards.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\n/g)).toHaveLength(2);
    expect(cards.match(/END:VCARD\r\n/g)).toHaveLength(2);
    expect(unfolded).toContain('FN:Grace "Amazing" Hopper\\, PhD\r\n');
    expect(unfolded).toContain('N:PhD;Grace "Amazing" Hopper\\,;;;\r\n');
    expect(unfolded).toContain('NOTE:Line one\\nLine two\r\n');
    expect(unfolded).toContain('TEL;VALUE=uri:tel:+15550100199\r\n');
    expect(unfolded).toContain('CATEGORIES:compilers,COBOL\r\n');
    expect(unfolded).toContain(`NOTE:${'é'.repeat(60)}\r\n`);
    for (const line of cards.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});
