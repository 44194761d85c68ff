import { describe, expect, it } from 'vitest';
import type { Shadow } from './types';
import { advancedShadow, guessConflict } from './pushResult';
import { op } from '../testing/ops';
import { visitorData } from '../testing/visitorData';

const data = visitorData();
const prev: Shadow = { id: 'rec-1', collection: 'visitors', rev: 5, deleted: false, data };

describe('advancedShadow', () => {
  it('takes the server record at the result’s rev', () => {
    const update = op({ kind: 'update', patch: { name: 'B' }, base: { name: data.name } });
    expect(advancedShadow(prev, update, { opId: 'x', status: 'applied', rev: 6, record: { ...data, name: 'B!' } })).toEqual({
      ...prev,
      rev: 6,
      data: { ...data, name: 'B!' },
    });
  });

  it('never moves back', () => {
    const update = op({ kind: 'update', patch: { name: 'B' }, base: {} });
    expect(advancedShadow(prev, update, { opId: 'x', status: 'duplicate', rev: 5, record: data })).toBeNull();
    expect(advancedShadow(prev, update, { opId: 'x', status: 'duplicate', rev: 4, record: data })).toBeNull();
  });

  it('without a record, replays the op (create: its data)', () => {
    const create = op({ kind: 'create', data });
    expect(advancedShadow(undefined, create, { opId: 'x', status: 'applied', rev: 1 })).toEqual({ ...prev, rev: 1 });
  });

  it('without a rev, keeps the old rev (0 for a new record) so the next pull wins', () => {
    const create = op({ kind: 'create', data });
    expect(advancedShadow(undefined, create, { opId: 'x', status: 'applied' })).toMatchObject({ rev: 0, data });
    const update = op({ kind: 'update', patch: { name: 'B' }, base: {} });
    expect(advancedShadow(prev, update, { opId: 'x', status: 'applied' })).toMatchObject({ rev: 5, data: { name: 'B' } });
  });

  it('an applied delete is a tombstone keeping the last data', () => {
    const del = op({ kind: 'delete', base: data });
    expect(advancedShadow(prev, del, { opId: 'x', status: 'applied', rev: 6, deleted: true })).toEqual({ ...prev, rev: 6, deleted: true });
    expect(advancedShadow(undefined, del, { opId: 'x', status: 'applied', rev: 6 })).toMatchObject({ deleted: true, data });
  });

  it('update-delete: a tombstone with the server’s last data', () => {
    const update = op({ kind: 'update', patch: { name: 'B' }, base: {} });
    const theirs = visitorData({ notes: 'last words' });
    const r = { opId: 'x', status: 'conflict' as const, rev: 9, conflict: { kind: 'update-delete' as const, fields: [], theirs, theirsBy: null, theirsAt: null } };
    expect(advancedShadow(undefined, update, r)).toMatchObject({ rev: 9, deleted: true, data: theirs });
  });
});

describe('guessConflict', () => {
  it('treats every field of the op as contended', () => {
    const update = op({ kind: 'update', patch: { name: 'B', title: 'T' }, base: {} });
    expect(guessConflict(update, { opId: 'x', status: 'conflict', record: { ...data, name: 'S' } })).toEqual({
      kind: 'update-update',
      fields: ['name', 'title'],
      theirs: { name: 'S', title: data.title },
      theirsBy: null,
      theirsAt: null,
    });
    expect(guessConflict(op({ kind: 'delete', base: data }), { opId: 'x', status: 'conflict' }).kind).toBe('delete-update');
  });
});
