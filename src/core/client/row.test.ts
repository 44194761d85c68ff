import { describe, expect, it } from 'vitest';
import type { Shadow } from './types';
import { computeRow } from './row';
import { op } from '../testing/ops';
import { visitorData } from '../testing/visitorData';
import { companyConflict } from '../testing/rows';

const data = visitorData({ name: '  Ada Lovelace' });
const shadow: Shadow = { id: 'rec-1', collection: 'visitors', rev: 3, deleted: false, data };

describe('computeRow', () => {
  it('synced: the server data', () => {
    expect(computeRow('rec-1', shadow, undefined, [], 9)).toEqual({
      id: 'rec-1',
      data,
      syncState: 'synced',
      sortName: 'ada lovelace',
      localUpdatedAt: 9,
      serverRev: 3,
    });
  });

  it('pending: server data with the ops replayed', () => {
    const row = computeRow('rec-1', shadow, undefined, [op({ kind: 'update', patch: { name: 'Bea' }, base: {} })], 9);
    expect(row).toMatchObject({ syncState: 'pending', data: { name: 'Bea' }, sortName: 'bea' });
  });

  it('failed: carries the first rejection’s error', () => {
    const failed = op({ kind: 'update', patch: { email: 'x' }, base: {}, state: 'failed', lastError: { code: 'invalid', message: 'bad', field: 'email' } });
    expect(computeRow('rec-1', shadow, undefined, [failed], 9)).toMatchObject({
      syncState: 'failed',
      error: { code: 'invalid', field: 'email' },
      data: { email: 'x' },
    });
  });

  it('gone: no shadow and no ops, a server delete with nothing pending, or a pending delete', () => {
    expect(computeRow('rec-1', undefined, undefined, [], 9)).toBeNull();
    expect(computeRow('rec-1', { ...shadow, deleted: true }, undefined, [], 9)).toBeNull();
    expect(computeRow('rec-1', shadow, undefined, [op({ kind: 'delete', base: data })], 9)).toBeNull();
  });

  it('a server delete under pending edits keeps the record in view with the edits', () => {
    const row = computeRow('rec-1', { ...shadow, deleted: true }, undefined, [op({ kind: 'update', patch: { title: 'Dr' }, base: {} })], 9);
    expect(row).toMatchObject({ syncState: 'pending', data: { ...data, title: 'Dr' } });
  });

  it('conflict: the person’s values win in view', () => {
    const conflict = companyConflict('rec-1', { base: { company: 'B' }, theirsBy: null, theirsAt: null });
    const row = computeRow('rec-1', { ...shadow, data: { ...data, company: 'Theirs' } }, conflict, [], 9);
    expect(row).toMatchObject({ syncState: 'conflict', data: { company: 'Mine' } });
    // update-delete: the tombstone's data stays in view under mine
    expect(computeRow('rec-1', { ...shadow, deleted: true }, { ...conflict, kind: 'update-delete' }, [], 9)).toMatchObject({
      syncState: 'conflict',
      data: { company: 'Mine' },
    });
  });
});
