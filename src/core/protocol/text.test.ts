import { describe, expect, it } from 'vitest';
import { visitorData } from '../testing/visitorData';
import { pullQuerySchema } from './sync';
import { storedVisitorDataSchema, visitorBaseSchema, visitorDataSchema, visitorPatchSchema } from './visitor';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('what text a visitor may hold', () => {
  it('refuses C0 and C1 controls, DEL and NUL in one-line fields, and in notes all but tab and newline', () => {
    for (const bad of ['\u0000', '\u0001', '\u001f', '\u007f', '\u0080', '\u009f', '\r', '\t', '\n', '\u000b']) {
      expect(visitorPatchSchema.safeParse({ company: `A${bad}B` }).success).toBe(false);
    }
    for (const bad of ['\u0000', '\r', '\u000b', '\u000c', '\u0085']) {
      expect(messageOf(visitorPatchSchema.safeParse({ notes: `a${bad}b` }))).toBe('Notes cannot contain control characters other than tabs and line breaks');
    }
    expect(visitorPatchSchema.safeParse({ notes: 'a\tb\nc' }).success).toBe(true);
  });

  it('refuses text-direction overrides and isolates, and unpaired surrogates, but not other characters', () => {
    for (const bad of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(messageOf(visitorPatchSchema.safeParse({ name: `x${bad}y` }))).toBe('Name cannot contain text-direction control characters');
    }
    expect(messageOf(visitorPatchSchema.safeParse({ title: 'a\udc00b' }))).toBe('Title contains a broken character');
    for (const fine of ['Zoë 🦊', 'مرحبا', 'a\u200eb', 'a\u2028b', 'plain']) expect(visitorPatchSchema.safeParse({ name: fine }).success).toBe(true);
    expect(visitorDataSchema.safeParse(visitorData({ name: 'A\u202eB' })).success).toBe(false);
  });

  it('reads back stored records and op bases as they are: they may hold text from before the rules', () => {
    expect(storedVisitorDataSchema.safeParse(visitorData({ notes: 'old\r\nnotes\u0000' })).success).toBe(true);
    expect(visitorBaseSchema.safeParse({ name: 'A\u202eB' }).success).toBe(true);
    expect(visitorBaseSchema.safeParse({ unknown: 'x' }).success).toBe(false);
  });
});

describe('pull query', () => {
  it('takes plain whole numbers and defaults, and nothing else', () => {
    expect(pullQuerySchema.parse({})).toEqual({ since: 0, limit: 1000, compact: false });
    expect(pullQuerySchema.parse({ since: '42', limit: '5000' })).toEqual({ since: 42, limit: 5000, compact: false });
    expect(pullQuerySchema.parse({ since: '42', compact: '1' })).toEqual({ since: 42, limit: 1000, compact: true });
    for (const bad of [{ since: '-1' }, { since: '1.5' }, { since: ' 1' }, { since: '1e3' }, { since: ['1', '2'] }, { since: '' }, { limit: '0' }, { limit: '5001' }, { compact: 'true' }, { compact: '0' }]) {
      expect(pullQuerySchema.safeParse(bad).success).toBe(false);
    }
  });
});
