import { describe, expect, it } from 'vitest';
import { emptyVisitor, type VisitorData } from '../core/protocol';
import type { ConflictRecord } from '../core/client/types';
import { conflictRecord } from '../core/testing/rows';
import { allOf, changedBetween, fieldOptions, initialDecisions, outcome } from './conflictChoices';

const current: VisitorData = {
  ...emptyVisitor(new Date('2026-05-01T09:30:17.123Z')),
  name: 'Ada Lovelace',
  title: 'CTO',
  interests: ['api', 'sso'],
  notes: 'first\nmine',
  rating: 3,
};

/** Both sides changed the title and the notes (an update-update conflict). */
function conflict(overrides: Partial<ConflictRecord> = {}): ConflictRecord {
  return conflictRecord('v1', {
    fields: ['title', 'notes'],
    base: { title: 'Engineer', notes: 'first\nsecond' },
    mine: { title: 'CTO', notes: 'first\nmine' },
    theirs: { title: 'VP Engineering', notes: 'first\ntheirs' },
    theirsBy: 'grace@example.com',
    theirsAt: '2026-05-01T10:00:00.000Z',
    ...overrides,
  });
}

describe('conflict choices', () => {
  it('lists contended fields in form order, offering a merge only for notes and lists', () => {
    const options = fieldOptions(conflict({ fields: ['notes', 'title'] }));
    expect(options.map((o) => [o.field, o.label, 'merged' in o])).toEqual([
      ['title', 'Title', false],
      ['notes', 'Notes', true],
    ]);
    // Overlapping line edits: the merge keeps both versions' lines.
    expect(options[1]!.merged).toBe('first\nmine\ntheirs');
  });

  it('starts from "Mine" and produces exactly this device\'s values', () => {
    const options = fieldOptions(conflict());
    const result = outcome(current, options, initialDecisions(options, current));
    expect(result).toEqual({ ok: true, record: current, values: { title: 'CTO', notes: 'first\nmine' } });
  });

  it('"Keep all theirs" takes the server values and leaves other fields as they are', () => {
    const options = fieldOptions(conflict());
    const result = outcome(current, options, allOf(options, initialDecisions(options, current), 'theirs'));
    expect(result.ok && result.values).toEqual({ title: 'VP Engineering', notes: 'first\ntheirs' });
    expect(result.ok && result.record.rating).toBe(3);
  });

  it('mixes per field: theirs for one, merged for another, custom for a third', () => {
    const c = conflict({ fields: ['title', 'notes', 'rating'], base: { ...conflict().base, rating: 1 }, mine: { ...conflict().mine, rating: 3 }, theirs: { ...conflict().theirs, rating: 5 } });
    const options = fieldOptions(c);
    const result = outcome(current, options, {
      title: { choice: 'theirs', custom: '' },
      notes: { choice: 'merged', custom: '' },
      rating: { choice: 'custom', custom: '4' },
    });
    expect(result.ok && result.values).toEqual({ title: 'VP Engineering', notes: 'first\nmine\ntheirs', rating: 4 });
  });

  it('parses custom lists like the form and reports invalid custom values per field', () => {
    const c = conflict({ fields: ['interests', 'rating'], base: { interests: [], rating: 1 }, mine: { interests: ['api'], rating: 3 }, theirs: { interests: ['ai'], rating: 5 } });
    const options = fieldOptions(c);
    expect(outcome(current, options, { interests: { choice: 'custom', custom: 'demo, Demo, pricing' }, rating: { choice: 'mine', custom: '' } })).toMatchObject({
      ok: true,
      values: { interests: ['demo', 'pricing'], rating: 3 },
    });
    expect(outcome(current, options, { interests: { choice: 'mine', custom: '' }, rating: { choice: 'custom', custom: '9' } })).toMatchObject({
      ok: false,
      errors: { rating: expect.any(String) },
    });
  });

  it('keeps an exact timestamp when "Mine" is chosen (no round trip through the minute-precision input)', () => {
    const c = conflict({ fields: ['capturedAt'], base: { capturedAt: '2026-01-01T00:00:00.000Z' }, mine: { capturedAt: current.capturedAt }, theirs: { capturedAt: '2026-02-01T00:00:00.000Z' } });
    const options = fieldOptions(c);
    expect(outcome(current, options, initialDecisions(options, current))).toMatchObject({ ok: true, values: { capturedAt: current.capturedAt } });
  });

  it('a set merge is offered for lists: additions of both sides kept, removals respected', () => {
    const c = conflict({ fields: ['interests'], base: { interests: ['api', 'sso'] }, mine: { interests: ['api', 'sso', 'ai'] }, theirs: { interests: ['api', 'pricing'] } });
    expect(fieldOptions(c)[0]!.merged).toEqual(['api', 'pricing', 'ai']);
  });

  it('names the fields a teammate changed', () => {
    expect(changedBetween({ ...current }, { ...current, phone: '+1 555', rating: 5 })).toEqual(['phone', 'rating']);
  });
});
