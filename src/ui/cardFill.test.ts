import { describe, expect, it } from 'vitest';
import { emptyVisitor } from '../core/protocol';
import { fillFromCard, unmark } from './cardFill';
import { toFormValues } from './visitorFormValues';

const blank = () => toFormValues(emptyVisitor(new Date('2026-12-02T10:00:00Z')));
const reading = {
  fields: { name: 'Mara Gómez', company: 'Tidewater Robotics', title: 'Head of Sales', email: 'mara@tidewater.example', phone: '+44 20 7946 0000' },
  urls: ['https://tidewater.example'],
};

describe('fillFromCard', () => {
  it('fills every empty field it read, adds the web address to Notes, and marks each', () => {
    const { values, filled } = fillFromCard(blank(), reading);
    expect(values).toMatchObject({ ...reading.fields, notes: 'https://tidewater.example', captureMethod: 'business-card' });
    expect(filled).toEqual(['name', 'company', 'title', 'email', 'phone', 'notes']);
  });

  it('never overwrites what the person typed, and does not mark it', () => {
    const typed = { ...blank(), title: 'CTO', email: 'mara@home.example' };
    const { values, filled } = fillFromCard(typed, reading);
    expect(values.title).toBe('CTO');
    expect(values.email).toBe('mara@home.example');
    expect(filled).toEqual(['name', 'company', 'phone', 'notes']);
  });

  it('fills a field that holds only spaces', () => {
    expect(fillFromCard({ ...blank(), name: '  ' }, reading).values.name).toBe('Mara Gómez');
  });

  it('appends web addresses below the notes, once each, and leaves one already there', () => {
    const notes = 'Met at the booth\nhttps://tidewater.example\n';
    const more = { ...reading, urls: ['https://tidewater.example', 'https://shop.example', 'https://shop.example'] };
    const { values, filled } = fillFromCard({ ...blank(), notes }, more);
    expect(values.notes).toBe('Met at the booth\nhttps://tidewater.example\nhttps://shop.example');
    expect(filled).toContain('notes');
  });

  it('keeps a capture method someone chose; a manual entry becomes a business card', () => {
    expect(fillFromCard({ ...blank(), captureMethod: 'event-badge' }, reading).values.captureMethod).toBe('event-badge');
    expect(fillFromCard(blank(), { fields: {}, urls: [] }).values.captureMethod).toBe('business-card');
  });

  it('fills nothing from an empty reading', () => {
    const { values, filled } = fillFromCard(blank(), { fields: { name: ' ' }, urls: [] });
    expect(values.name).toBe('');
    expect(filled).toEqual([]);
  });
});

describe('unmark', () => {
  it('drops the mark of the field the person edited, and only that one', () => {
    expect(unmark({ name: true, email: true }, 'name')).toEqual({ email: true });
  });

  it('returns the same marks when the field had none', () => {
    const marks = { name: true } as const;
    expect(unmark(marks, 'rating')).toBe(marks);
  });
});
