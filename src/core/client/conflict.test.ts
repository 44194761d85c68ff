import { describe, expect, it } from 'vitest';
import { conflictFromOp, foldConflict, foldEditIntoConflict, refreshTheirs } from './conflict';
import { op } from '../testing/ops';
import { conflictRecord } from '../testing/rows';
import { visitorData } from '../testing/visitorData';

const data = visitorData();

describe('conflicts', () => {
  it('update-update keeps only the contended fields of the op', () => {
    const update = op({ kind: 'update', patch: { name: 'Mine', notes: 'n' }, base: { name: 'Base', notes: '' } });
    const c = conflictFromOp(update, { kind: 'update-update', fields: ['name'], theirs: { name: 'Theirs' }, theirsBy: 'bob', theirsAt: 't1' }, 5);
    const sides = { base: { name: 'Base' }, mine: { name: 'Mine' }, theirs: { name: 'Theirs' } };
    expect(c).toEqual(conflictRecord('rec-1', { ...sides, theirsBy: 'bob', theirsAt: 't1', detectedAt: 5 }));
  });

  it('update-delete keeps the whole edit as mine', () => {
    const update = op({ kind: 'update', patch: { name: 'Mine', notes: 'n' }, base: { name: 'Base', notes: '' } });
    const c = conflictFromOp(update, { kind: 'update-delete', fields: [], theirs: data, theirsBy: 'bob', theirsAt: 't1' }, 5);
    expect(c.mine).toEqual({ name: 'Mine', notes: 'n' });
    expect(c.base).toEqual({ name: 'Base', notes: '' });
  });

  it('delete-update has nothing of mine', () => {
    const del = op({ kind: 'delete', base: data });
    const c = conflictFromOp(del, { kind: 'delete-update', fields: ['company'], theirs: { company: 'New' }, theirsBy: null, theirsAt: null }, 5);
    expect(c.mine).toEqual({});
    expect(c.base).toEqual({ company: data.company });
  });

  it('folding: earliest base, latest mine, newest theirs, fields united', () => {
    const older = conflictFromOp(
      op({ kind: 'update', patch: { name: 'M1' }, base: { name: 'B0' } }),
      { kind: 'update-update', fields: ['name'], theirs: { name: 'T1' }, theirsBy: 'bob', theirsAt: 't1' },
      1,
    );
    const newer = conflictFromOp(
      op({ kind: 'update', patch: { name: 'M2', company: 'MC' }, base: { name: 'M1', company: 'BC' } }),
      { kind: 'update-update', fields: ['name', 'company'], theirs: { name: 'T2', company: 'TC' }, theirsBy: 'eve', theirsAt: 't2' },
      2,
    );
    expect(foldConflict(older, newer)).toMatchObject({
      fields: ['name', 'company'],
      base: { name: 'B0', company: 'BC' },
      mine: { name: 'M2', company: 'MC' },
      theirs: { name: 'T2', company: 'TC' },
      theirsBy: 'eve',
      theirsAt: 't2',
      detectedAt: 1,
    });
  });

  it('a local edit joins mine; its base is only added for fields not there yet', () => {
    const c = conflictFromOp(
      op({ kind: 'update', patch: { name: 'M1' }, base: { name: 'B0' } }),
      { kind: 'update-update', fields: ['name'], theirs: { name: 'T1' }, theirsBy: null, theirsAt: null },
      1,
    );
    const after = foldEditIntoConflict(c, { name: 'M2', title: 'Dr' }, { ...data, name: 'M1', title: 'Mx' });
    expect(after.mine).toEqual({ name: 'M2', title: 'Dr' });
    expect(after.base).toEqual({ name: 'B0', title: 'Mx' });
    expect(after.fields).toEqual(['name']);
  });

  it('a pulled change refreshes theirs for the contended fields only', () => {
    const c = conflictFromOp(
      op({ kind: 'update', patch: { name: 'M1' }, base: { name: 'B0' } }),
      { kind: 'update-update', fields: ['name'], theirs: { name: 'T1' }, theirsBy: 'bob', theirsAt: 't1' },
      1,
    );
    expect(refreshTheirs(c, { ...data, name: 'T2' }, 'eve', 't2')).toMatchObject({ theirs: { name: 'T2' }, theirsBy: 'eve', theirsAt: 't2' });
  });
});
