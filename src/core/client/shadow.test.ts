import { describe, expect, it } from 'vitest';
import type { LocalVisitor, Shadow } from './types';
import { effectiveShadow, mustStoreShadow } from './shadow';
import { visitorData } from '../testing/visitorData';

const data = visitorData();
const synced: LocalVisitor = { id: 'r', data, syncState: 'synced', sortName: 'x', localUpdatedAt: 0, serverRev: 4 };
const stored: Shadow = { id: 'r', collection: 'visitors', rev: 3, deleted: false, data: visitorData({ name: 'Old' }) };

describe('lazy shadows', () => {
  it('a synced row implies its shadow', () => {
    expect(effectiveShadow(undefined, synced)).toEqual({ id: 'r', collection: 'visitors', rev: 4, deleted: false, data });
  });

  it('a stored shadow is used for rows with local changes', () => {
    expect(effectiveShadow(stored, { ...synced, syncState: 'pending' })).toBe(stored);
    expect(effectiveShadow(undefined, { ...synced, syncState: 'pending' })).toBeUndefined();
  });

  it('the newer of the two wins (a stale stored shadow never goes back in time)', () => {
    expect(effectiveShadow(stored, synced)?.rev).toBe(4);
    expect(effectiveShadow({ ...stored, rev: 9 }, synced)?.rev).toBe(9);
  });

  it('a record never seen by the server has none', () => {
    expect(effectiveShadow(undefined, { ...synced, serverRev: undefined })).toBeUndefined();
  });

  it('is stored unless the row is synced at that very rev; tombstones always', () => {
    const shadow: Shadow = { ...stored, rev: 4, data };
    expect(mustStoreShadow(shadow, synced)).toBe(false);
    expect(mustStoreShadow(shadow, { ...synced, syncState: 'pending' })).toBe(true);
    expect(mustStoreShadow(shadow, null)).toBe(true);
    expect(mustStoreShadow({ ...shadow, deleted: true }, null)).toBe(true);
    expect(mustStoreShadow(undefined, synced)).toBe(false);
  });
});
