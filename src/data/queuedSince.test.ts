import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDb } from '../db/schema';
import { openTestDb } from '../db/testDb';
import { queuedSince } from './queuedSince';

let db: OutpostDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

const op = (id: string, state: 'pending' | 'failed', createdAt: number) => ({
  opId: `op-${id}`,
  collection: 'visitors' as const,
  id,
  kind: 'update' as const,
  patch: { title: 'T' },
  base: { title: '' },
  state,
  attempts: 0,
  createdAt,
});

describe('the changes waiting to be sent', () => {
  it('counts the pending ones and dates the oldest; failed ones are not waiting', async () => {
    expect(await queuedSince(db)).toEqual({ pending: 0, oldestAt: null });
    await db.outbox.bulkAdd([op('a', 'failed', 5), op('b', 'pending', 10), op('c', 'pending', 20)]);
    expect(await queuedSince(db)).toEqual({ pending: 2, oldestAt: 10 });
  });
});
