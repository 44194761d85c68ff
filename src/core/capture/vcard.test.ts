import { describe, expect, it } from 'vitest';
import { readBadge } from './badge';

const crlf = (...lines: string[]) => lines.join('\r\n');

describe('readBadge: vCard', () => {
  it('reads a 3.0 card from an iPhone: folded, escaped, grouped, labelled', () => {
    const card = crlf(
      'BEGIN:VCARD',
      'VERSION:3.0',
      'PRODID:-//Apple Inc.//iPhone OS 17.4//EN',
      'N:Hopper;Grace;Brewster Murray;Rear Adm.;',
      'FN:Grace Hopper',
      'ORG:Remington Rand\\, Inc.;UNIVAC Division;',
      'TITLE:Director of Automatic Programming Develop',
      ' ment',
      'item1.EMAIL;type=INTERNET;type=pref:grace.hopper@remington.example',
      'item1.X-ABLabel:_$!<Other>!$_',
      'item2.TEL;type=CELL;type=VOICE:+1 (212) 555-0147',
      'item2.X-ABLabel:Booth',
      'TEL;type=WORK;type=VOICE;type=pref:+1 212 555 0100',
      'item3.URL;type=pref:https\\://remington.example/univac',
      'item3.X-ABLabel:_$!<HomePage>!$_',
      'ADR;type=WORK;type=pref:;;315 Fourth Ave;New York;NY;10010;USA',
      'NOTE:Wants a demo\\nBudget Q3\\; call after 2pm',
      'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD',
      'BDAY:1906-12-09',
      'END:VCARD',
    );
    expect(readBadge(card)).toEqual({
      kind: 'vcard',
      fields: {
        name: 'Grace Hopper',
        company: 'Remington Rand, Inc.',
        title: 'Director of Automatic Programming Development',
        email: 'grace.hopper@remington.example',
        phone: '+1 212 555 0100',
      },
      notes: [
        'Booth: +1 (212) 555-0147',
        'Department: UNIVAC Division',
        'HomePage: https://remington.example/univac',
        'Address (work): 315 Fourth Ave, New York, NY, 10010, USA',
        'Wants a demo\nBudget Q3; call after 2pm',
      ].join('\n'),
    });
  });

  it('reads a 4.0 card: PREF=1, tel: URIs with an extension, quoted TYPE lists, LF line ends', () => {
    const card = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Dr. Katherine Johnson',
      'N:Johnson;Katherine;Coleman;Dr.;',
      'ORG:NASA;Langley Research Center',
      'TEL;VALUE=uri;TYPE="voice,home":tel:+1-757-555-0101',
      'TEL;VALUE=uri;PREF=1;TYPE="work,voice":tel:+1-757-555-0102;ext=318',
      'TEL;VALUE=uri;PREF=2;TYPE=cell:tel:+1-757-555-0103',
      'EMAIL;TYPE=home:kj@example.org',
      'EMAIL;PREF=1;TYPE=work:k.johnson@nasa.example',
      'END:VCARD',
    ].join('\n');
    const { fields, notes } = readBadge(card);
    expect(fields).toEqual({
      name: 'Dr. Katherine Johnson',
      company: 'NASA',
      email: 'k.johnson@nasa.example',
      phone: '+1-757-555-0102',
    });
    expect(notes.split('\n')).toEqual([
      'Home phone: +1-757-555-0101',
      'Phone extension: 318',
      'Mobile: +1-757-555-0103',
      'Home email: kj@example.org',
      'Department: Langley Research Center',
    ]);
  });

  it('without a preference prefers a work mobile, then a mobile, then a work line', () => {
    const tel = (types: string, number: string) => `TEL;TYPE=${types}:${number}`;
    const card = (...tels: string[]) => readBadge(crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:A B', ...tels, 'END:VCARD')).fields.phone;
    expect(card(tel('home', '111 111'), tel('work', '222 222'), tel('cell', '333 333'), tel('cell,work', '444 444'))).toBe('444 444');
    expect(card(tel('home', '111 111'), tel('work', '222 222'), tel('cell', '333 333'))).toBe('333 333');
    expect(card(tel('home', '111 111'), tel('work', '222 222'))).toBe('222 222');
    expect(card(tel('home', '111 111'), 'TEL:555 555')).toBe('555 555');
    expect(card(tel('voice', '111 111'), tel('voice', '222 222'))).toBe('111 111');
  });

  it('never takes a fax or a pager as the phone', () => {
    const card = crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:A B', 'TEL;TYPE=WORK,FAX:+1 555 0199', 'TEL;TYPE=PAGER:+1 555 0198', 'END:VCARD');
    expect(readBadge(card)).toEqual({ kind: 'vcard', fields: { name: 'A B' }, notes: 'Fax: +1 555 0199\nPager: +1 555 0198' });
  });

  it('builds the name from N when there is no FN (or an empty one)', () => {
    const n = (value: string, fn = '') => readBadge(crlf('BEGIN:VCARD', 'VERSION:3.0', ...(fn ? [fn] : []), `N:${value}`, 'END:VCARD')).fields.name;
    expect(n('Lovelace;Ada;;Countess;')).toBe('Countess Ada Lovelace');
    expect(n('Luther King;Martin;;Dr.;Jr.')).toBe('Dr. Martin Luther King Jr.');
    expect(n('Doe;John;Quincy,Adams;;')).toBe('John Quincy Adams Doe');
    expect(n('Lovelace;Ada', 'FN:')).toBe('Ada Lovelace');
    expect(n(';;;;')).toBeUndefined();
  });

  it('reads a card with FN only', () => {
    expect(readBadge('BEGIN:VCARD\nVERSION:3.0\nFN:Alan Turing\nEND:VCARD')).toEqual({ kind: 'vcard', fields: { name: 'Alan Turing' }, notes: '' });
  });

  it('reads names, parameters and values case-insensitively', () => {
    const card = 'begin:vcard\nversion:3.0\nfn:Ada Lovelace\nemail;type=work:ADA@X.IO\ntel;type=cell:+44 7700 900123\nend:vcard';
    expect(readBadge(card).fields).toEqual({ name: 'Ada Lovelace', email: 'ada@x.io', phone: '+44 7700 900123' });
  });

  it('reads a 2.1 card with quoted-printable UTF-8, soft line breaks and bare parameters', () => {
    const card = crlf(
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;',
      'ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Stra=C3=9Fenbau GmbH',
      'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Interessiert an Br=C3=BCcken, bitte =',
      'anrufen',
      'TEL;WORK;VOICE:+49 30 1234567',
      'TEL;CELL;PREF:+49 170 1234567',
      'EMAIL;INTERNET:joerg@strassenbau.example',
      'END:VCARD',
    );
    expect(readBadge(card)).toEqual({
      kind: 'vcard',
      fields: { name: 'Jörg Müller', company: 'Straßenbau GmbH', email: 'joerg@strassenbau.example', phone: '+49 170 1234567' },
      notes: 'Work phone: +49 30 1234567\nInteressiert an Brücken, bitte anrufen',
    });
  });

  it('reads quoted-printable Latin-1', () => {
    const card = 'BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Ren=E9 Dupont\nEND:VCARD';
    expect(readBadge(card).fields.name).toBe('René Dupont');
  });

  it('leaves out emails that do not look valid and keeps a vanity number as written', () => {
    const card = 'BEGIN:VCARD\nVERSION:3.0\nFN:A B\nEMAIL:a.b(at)example\nEMAIL:mailto:a@b.io\nTEL:1-800-FLOWERS\nEND:VCARD';
    expect(readBadge(card)).toEqual({
      kind: 'vcard',
      fields: { name: 'A B', email: 'a@b.io', phone: '1-800-3569377' },
      notes: 'Phone as written: 1-800-FLOWERS',
    });
  });

  it('cuts long values to the visitor schema', () => {
    const card = `BEGIN:VCARD\nVERSION:3.0\nFN:${'N'.repeat(500)}\nTITLE:${'T'.repeat(500)}\nNOTE:${'x'.repeat(20_000)}\nEND:VCARD`;
    const { fields, notes } = readBadge(card);
    expect(fields.name).toHaveLength(200);
    expect(fields.title).toHaveLength(200);
    expect(notes).toHaveLength(10_000);
  });

  it('reads the first of several cards, and one with no END', () => {
    expect(readBadge('BEGIN:VCARD\nFN:First One\nEND:VCARD\nBEGIN:VCARD\nFN:Second One\nEND:VCARD').fields.name).toBe('First One');
    expect(readBadge('BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nTEL:+1 555').fields).toEqual({ name: 'Cut Off', phone: '+1 555' });
  });

  it('reads an empty card as a vCard with nothing in it', () => {
    expect(readBadge('BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD')).toEqual({ kind: 'vcard', fields: {}, notes: '' });
  });
});
