import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { visitorRow } from '../core/testing/rows';
import { possibleDuplicatesOf } from './duplicates';

let db: OutpostDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

describe('possibleDuplicatesOf', () => {
  it('answers for the visitors asked about, each with every visitor sharing a key, asked about or not', async () => {
    await db.visitors.bulkPut([
      visitorRow('a', { name: 'Ada', email: 'ada@example.com', phone: '' }),
      visitorRow('b', { name: 'Ada L', email: 'ADA@example.com', phone: '' }),
      visitorRow('c', { name: 'Grace', email: 'grace@example.com', phone: '+1 555 0100' }),
      visitorRow('d', { name: 'G. Hopper', email: 'gh@example.com', phone: '15550100' }),
      visitorRow('e', { name: 'Alone', email: 'alone@example.com', phone: '' }),
    ]);
    expect(await possibleDuplicatesOf(db, ['a', 'c', 'e'])).toEqual(
      new Map([
        ['a', ['b']],
        ['c', ['d']],
      ]),
    );
    expect(await possibleDuplicatesOf(db, ['e', 'missing'])).toEqual(new Map());
    expect(await possibleDuplicatesOf(db, [])).toEqual(new Map());
  });

  it('leaves out a pair either side dismissed, also when the dismissing side was not asked about', async () => {
    await db.visitors.bulkPut([
      visitorRow('a', { name: 'Ada', email: 'ada@example.com', phone: '' }),
      visitorRow('b', { name: 'Ada B', email: 'ada@example.com', phone: '', distinctFrom: ['a'] }),
      visitorRow('c', { name: 'Ada C', email: 'ada@example.com', phone: '' }),
    ]);
    expect(await possibleDuplicatesOf(db, ['a'])).toEqual(new Map([['a', ['c']]]));
    expect(await possibleDuplicatesOf(db, ['b'])).toEqual(new Map([['b', ['c']]]));
  });
});
