import { describe, expect, it } from 'vitest';
import type { SyncOp, VisitorData, VisitorPatch } from '../protocol';
import { visitor, testUuid } from '../testing/wireOps';
import { applyOp, type CurrentRecord } from './applyOp';

const id = testUuid();
const current = (data: VisitorData = visitor(), deleted = false): CurrentRecord => ({
  rev: 7,
  deleted,
  data,
  updatedAt: '2025-05-01T12:00:00.000Z',
  updatedBy: 'bob@example.com',
});
const create = (data: VisitorData): SyncOp => ({ opId: testUuid(), collection: 'visitors', id, kind: 'create', data });
const update = (patch: VisitorPatch, base: VisitorPatch): SyncOp => ({
  opId: testUuid(),
  collection: 'visitors',
  id,
  kind: 'update',
  patch,
  base,
});
const remove = (base?: VisitorPatch): SyncOp => ({ opId: testUuid(), collection: 'visitors', id, kind: 'delete', base });

describe('applyOp: create', () => {
  it('creates a new record, every field a change from null', () => {
    const data = visitor();
    const outcome = applyOp(null, create(data));
    expect(outcome).toEqual({
      status: 'applied',
      write: expect.objectContaining({ kind: 'create', data, deleted: false }),
    });
    expect(outcome.status === 'applied' && outcome.write?.changes.name).toEqual({ from: null, to: 'Ada Lovelace' });
  });

  it('treats a create with identical data as already applied, without a write', () => {
    expect(applyOp(current(), create(visitor()))).toEqual({ status: 'applied', write: null });
  });

  it('rejects a create of an existing id with other data', () => {
    const outcome = applyOp(current(), create(visitor({ name: 'Someone else' })));
    expect(outcome).toMatchObject({ status: 'rejected', error: { code: 'id_taken' } });
  });

  it('restores a tombstone', () => {
    const outcome = applyOp(current(visitor(), true), create(visitor({ rating: 1 })));
    expect(outcome).toEqual({
      status: 'applied',
      write: { kind: 'restore', data: visitor({ rating: 1 }), deleted: false, changes: { rating: { from: 4, to: 1 } } },
    });
  });
});

describe('applyOp: update', () => {
  it('rejects an update of a record that does not exist', () => {
    expect(applyOp(null, update({ name: 'X' }, { name: 'Y' }))).toMatchObject({
      status: 'rejected',
      error: { code: 'not_found' },
    });
  });

  it('takes the new value where the server still has the base value', () => {
    const outcome = applyOp(current(), update({ company: 'New Co' }, { company: 'Analytical Engines' }));
    expect(outcome).toEqual({
      status: 'applied',
      write: {
        kind: 'update',
        data: visitor({ company: 'New Co' }),
        deleted: false,
        changes: { company: { from: 'Analytical Engines', to: 'New Co' } },
      },
    });
  });

  it('does nothing where the server already has the new value', () => {
    expect(applyOp(current(visitor({ rating: 5 })), update({ rating: 5 }, { rating: 2 }))).toEqual({
      status: 'applied',
      write: null,
    });
  });

  it('compares arrays by value', () => {
    const outcome = applyOp(current(), update({ interests: ['compute', 'looms'] }, { interests: ['compute'] }));
    expect(outcome.status).toBe('applied');
    expect(outcome.status === 'applied' && outcome.write?.data.interests).toEqual(['compute', 'looms']);
  });

  it('reports an update of a deleted record as update-delete with the tombstone data', () => {
    const outcome = applyOp(current(visitor(), true), update({ rating: 1 }, { rating: 4 }));
    expect(outcome).toEqual({
      status: 'conflict',
      write: null,
      conflict: {
        kind: 'update-delete',
        fields: ['rating'],
        theirs: visitor(),
        theirsBy: 'bob@example.com',
        theirsAt: '2025-05-01T12:00:00.000Z',
      },
    });
  });
});

describe('applyOp: update of fields changed on both sides', () => {
  it('applies the uncontended fields and reports the contended one with the server value', () => {
    const server = current(visitor({ title: 'CTO' }));
    const outcome = applyOp(server, update({ title: 'CEO', phone: '+1 555 0100' }, { title: 'Engineer', phone: '+44 20 7946 0000' }));
    expect(outcome).toEqual({
      status: 'conflict',
      write: {
        kind: 'update',
        data: visitor({ title: 'CTO', phone: '+1 555 0100' }),
        deleted: false,
        changes: { phone: { from: '+44 20 7946 0000', to: '+1 555 0100' } },
      },
      conflict: {
        kind: 'update-update',
        fields: ['title'],
        theirs: { title: 'CTO' },
        theirsBy: 'bob@example.com',
        theirsAt: '2025-05-01T12:00:00.000Z',
      },
    });
  });

  it('writes nothing when every patched field is contended', () => {
    const outcome = applyOp(current(visitor({ title: 'CTO' })), update({ title: 'CEO' }, { title: 'Engineer' }));
    expect(outcome).toMatchObject({ status: 'conflict', write: null, conflict: { fields: ['title'] } });
  });

  it('merges contended lists as sets and keeps a text clash of the same line for the person', () => {
    const server = current(visitor({ interests: ['compute', 'ai'], notes: 'Server notes' }));
    const outcome = applyOp(
      server,
      update({ interests: ['compute', 'looms'], notes: 'My notes' }, { interests: ['compute'], notes: 'Met at the booth' }),
    );
    expect(outcome).toMatchObject({
      status: 'conflict',
      write: { data: { interests: ['compute', 'ai', 'looms'] } },
      conflict: { fields: ['notes'], theirs: { notes: 'Server notes' } },
    });
  });

  it('merges notes edited on different lines without a conflict', () => {
    const base = 'Met at booth 4\nWants a demo\nBudget: unknown\nCall after the show';
    const server = current(visitor({ notes: base.replace('Call after the show', 'Call on Monday') }));
    const outcome = applyOp(server, update({ notes: base.replace('Wants a demo', 'Wants a demo soon') }, { notes: base }));
    expect(outcome).toMatchObject({
      status: 'applied',
      write: { data: { notes: 'Met at booth 4\nWants a demo soon\nBudget: unknown\nCall on Monday' } },
    });
  });
});

describe('applyOp: delete', () => {
  it('deletes a record nobody changed since, keeping its data in the tombstone', () => {
    expect(applyOp(current(), remove({ name: 'Ada Lovelace', rating: 4 }))).toEqual({
      status: 'applied',
      write: { kind: 'delete', data: visitor(), deleted: true, changes: {} },
    });
  });

  it('reports delete-update when the record changed since the base', () => {
    const outcome = applyOp(current(visitor({ rating: 2 })), remove({ name: 'Ada Lovelace', rating: 4 }));
    expect(outcome).toMatchObject({
      status: 'conflict',
      write: null,
      conflict: { kind: 'delete-update', fields: ['rating'], theirs: { rating: 2 } },
    });
  });

  it('treats deleting a deleted record as applied without a write', () => {
    expect(applyOp(current(visitor(), true), remove())).toEqual({ status: 'applied', write: null });
  });

  it('rejects deleting a record that does not exist', () => {
    expect(applyOp(null, remove())).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
  });
});
