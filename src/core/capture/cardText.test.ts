import { describe, expect, it } from 'vitest';
import { visitorPatchSchema } from '../protocol/visitor';
import { type OcrLine, readCard } from './cardText';

/** A card from [text, height] rows, top to bottom, 20 px apart. */
const card = (...rows: [string, number][]): OcrLine[] => rows.map(([text, height], i) => ({ text, height, top: 10 + i * 20 }));

describe('readCard: layouts', () => {
  it('reads a card with the name first', () => {
    const reading = readCard(
      card(
        ['Ada Lovelace', 28],
        ['Chief Technology Officer', 14],
        ['Analytical Engines Ltd', 16],
        ['12 Marylebone Road, London NW1 5LR', 10],
        ['T: +44 20 7946 0958', 10],
        ['ada.lovelace@analytical-engines.co.uk', 10],
        ['www.analytical-engines.co.uk', 10],
      ),
    );
    expect(reading).toEqual({
      fields: {
        name: 'Ada Lovelace',
        title: 'Chief Technology Officer',
        company: 'Analytical Engines Ltd',
        email: 'ada.lovelace@analytical-engines.co.uk',
        phone: '+44 20 7946 0958',
      },
      urls: ['www.analytical-engines.co.uk'],
    });
  });

  it('reads a card whose first, biggest line is the company logo (matched to the email domain)', () => {
    const reading = readCard(
      card(
        ['ANALYTICAL ENGINES', 40],
        ['Ada Lovelace', 22],
        ['Lead Mathematician', 12],
        ['E: ada (at) analytical-engines.com', 10],
        ['M +44 77OO 9OO123', 10],
      ),
    );
    expect(reading.fields).toEqual({
      name: 'Ada Lovelace',
      title: 'Lead Mathematician',
      company: 'ANALYTICAL ENGINES',
      email: 'ada@analytical-engines.com',
      phone: '+44 7700 900123',
    });
  });

  it('reads a card with the title above the name', () => {
    const reading = readCard(
      card(
        ['Senior Vice President, Sales', 12],
        ['Grace Hopper', 26],
        ['Remington Rand Corp.', 14],
        ['grace @ remington.example', 10],
        ['+1 (212) 555-0147', 10],
      ),
    );
    expect(reading.fields).toEqual({
      name: 'Grace Hopper',
      title: 'Senior Vice President, Sales',
      company: 'Remington Rand Corp.',
      email: 'grace@remington.example',
      phone: '+1 (212) 555-0147',
    });
  });

  it('reads a card with two phones and a fax: the mobile wins, the fax never', () => {
    const reading = readCard(
      card(
        ['Katherine Johnson', 24],
        ['Head of Flight Research', 12],
        ['NASA Langley Research Center', 14],
        ['Tel +1 757 555 0102 · Fax +1 757 555 0199', 10],
        ['Mobile: +1 757 555 0103', 10],
        ['k.johnson@nasa.example', 10],
      ),
    );
    expect(reading.fields).toEqual({
      name: 'Katherine Johnson',
      title: 'Head of Flight Research',
      company: 'NASA Langley Research Center',
      email: 'k.johnson@nasa.example',
      phone: '+1 757 555 0103',
    });
  });

  it('takes the first phone when none is a mobile, skipping a fax written first', () => {
    const reading = readCard(card(['Fax: 030 1234 5679', 10], ['Tel.: 030 1234 5678', 10], ['Phone 030 9999 9999', 10]));
    expect(reading.fields).toEqual({ phone: '030 1234 5678' });
  });

  it('reads a card with only a name and an email, and invents no company', () => {
    expect(readCard(card(['Alan Turing', 24], ['alan@turing.example', 10]))).toEqual({
      fields: { name: 'Alan Turing', email: 'alan@turing.example' },
      urls: [],
    });
    expect(readCard(card(['Alan Turing', 24], ['a.turing@gmail.com', 10])).fields).toEqual({ name: 'Alan Turing', email: 'a.turing@gmail.com' });
  });

  it('reads through OCR noise lines and separators', () => {
    const reading = readCard(
      card(
        ['|', 30],
        ['| Margaret Hamilton |', 30],
        ['—', 4],
        ['Director, Software Engineering', 14],
        ['Hamilton Technologies, Inc. | margaret@hamtech.com', 12],
        ['~ +1 617 555 0110 ~', 10],
        ['. . . .', 6],
        ['• hamtech.com •', 10],
      ),
    );
    expect(reading).toEqual({
      fields: {
        name: 'Margaret Hamilton',
        title: 'Director, Software Engineering',
        company: 'Hamilton Technologies, Inc.',
        email: 'margaret@hamtech.com',
        phone: '+1 617 555 0110',
      },
      urls: ['hamtech.com'],
    });
  });

  it('reads a German card', () => {
    const reading = readCard(
      card(
        ['Müller Bau GmbH', 18],
        ['Jörg Müller', 24],
        ['Geschäftsführer', 12],
        ['Hauptstraße 5, 80331 München', 10],
        ['Tel.: 089/123 4567 | Fax: 089/123 4568', 10],
        ['Mobil 0170 1234567', 10],
        ['j.mueller@mueller-bau.de | www.mueller-bau.de', 10],
      ),
    );
    expect(reading).toEqual({
      fields: { name: 'Jörg Müller', title: 'Geschäftsführer', company: 'Müller Bau GmbH', email: 'j.mueller@mueller-bau.de', phone: '0170 1234567' },
      urls: ['www.mueller-bau.de'],
    });
  });

  it('reads lines given out of order, by their top', () => {
    const lines: OcrLine[] = [
      { text: 'CTO', height: 12, top: 60 },
      { text: 'Linus Torvalds', height: 24, top: 20 },
      { text: 'Transmeta Corporation', height: 12, top: 90 },
    ];
    expect(readCard(lines).fields).toEqual({ name: 'Linus Torvalds', title: 'CTO', company: 'Transmeta Corporation' });
  });

  it('takes a logo-sized line without a marker as the company, but never a small plain line', () => {
    const logo = readCard(card(['Blue Ocean', 30], ['Ada Lovelace', 24], ['Designer', 12], ['London', 10], ['ada@gmail.com', 10]));
    expect(logo.fields).toEqual({ name: 'Ada Lovelace', title: 'Designer', company: 'Blue Ocean', email: 'ada@gmail.com' });
    const plain = readCard(card(['Ada Lovelace', 24], ['Designer', 12], ['London', 10], ['United Kingdom', 10]));
    expect(plain.fields).toEqual({ name: 'Ada Lovelace', title: 'Designer' });
  });
});

describe('readCard: leaves out what it is unsure of', () => {
  it('finds no name in lower-case, one-word or digit lines', () => {
    expect(readCard(card(['ada lovelace', 24], ['Ada', 20], ['Room 101', 20])).fields).toEqual({});
  });

  it('finds no phone in postcodes, street numbers or dates', () => {
    expect(readCard(card(['1600 Amphitheatre Parkway', 10], ['Mountain View, CA 94043', 10], ['Since 12.05.2024', 10])).fields).toEqual({});
  });

  it('reads an empty card and garbage without throwing', () => {
    expect(readCard([])).toEqual({ fields: {}, urls: [] });
    const garbage = [null, 42, { text: 7 }, { text: 'Ada Lovelace', height: Number.NaN, top: 'x' }, { text: '@@@@ ::: ////' }, { text: 'x'.repeat(100_000), height: 1, top: 1 }];
    expect(() => readCard(garbage as unknown as OcrLine[])).not.toThrow();
    expect(readCard(garbage as unknown as OcrLine[]).fields).toEqual({ name: 'Ada Lovelace' });
    expect(readCard(null as unknown as OcrLine[])).toEqual({ fields: {}, urls: [] });
  });

  it('reads a page of hostile lines in one pass (no runaway backtracking)', () => {
    for (const unit of ['a.', '1 ', 'a@', 'Ab ', '(O', 'w.']) {
      const lines = Array.from({ length: 500 }, (_, i) => ({ text: unit.repeat(1000), height: 10, top: i }));
      expect(() => readCard(lines)).not.toThrow();
    }
  });

  it('returns fields the visitor schema accepts, even from long lines', () => {
    const reading = readCard(card([`${'Word '.repeat(35)}Ltd`, 20], [`${'a'.repeat(300)}@x.io`, 10], [`+${'1'.repeat(14)}`, 10]));
    expect(visitorPatchSchema.safeParse(reading.fields).success).toBe(true);
    expect(reading.fields.company?.length).toBeLessThanOrEqual(200);
    expect(reading.fields.company).toMatch(/^Word Word/);
  });
});
