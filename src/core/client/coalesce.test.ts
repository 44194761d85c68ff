import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coalesce, foldOps } from './coalesce';
import { rebase } from './rebase';
import { op } from '../testing/ops';
import { visitorData } from '../testing/visitorData';
import type { OutboxOp } from './types';

const data = visitorData();

describe('coalesce', () => {
  it('appends when there is no last op, or it is another record', () => {
    expect(coalesce(undefined, op({ kind: 'update', patch: { name: 'B' }, base: { name: 'A' } }))).toEqual({ action: 'append' });
    expect(
      coalesce(op({ kind: 'create', data, id: 'other' }), op({ kind: 'update', patch: { name: 'B' }, base: { name: 'A' } })),
    ).toEqual({ action: 'append' });
  });

  it('a merged update names the newer op’s baseRev (a shadow only moves forward), or the one either named', () => {
    const first = op({ kind: 'update', patch: { name: 'B' }, base: { name: 'A' }, baseRev: 4 });
    const second = op({ kind: 'update', patch: { title: 'T' }, base: { title: data.title }, baseRev: 7 });
    expect(coalesce(first, second)).toEqual({ action: 'replace', op: expect.objectContaining({ baseRev: 7 }) });
    const unnamed = op({ kind: 'update', patch: { title: 'T' }, base: { title: data.title } });
    expect(coalesce(first, unnamed)).toEqual({ action: 'replace', op: expect.objectContaining({ baseRev: 4 }) });
    const create = coalesce(op({ kind: 'create', data }), second);
    expect(create.action === 'replace' && create.op).not.toHaveProperty('baseRev');
  });

  it('never merges two people’s edits; one person’s merged op keeps its author', () => {
    const ada = { id: 'u-ada', email: 'ada@example.com' };
    const bo = { id: 'u-bo', email: 'bo@example.com' };
    const adaCreate = op({ kind: 'create', data, seq: 3, author: ada });
    const boEdit = op({ kind: 'update', patch: { title: 'Bo' }, base: { title: data.title }, author: bo });
    expect(coalesce(adaCreate, boEdit)).toEqual({ action: 'append' });
    // An op queued before authors were kept is no one's in particular: it stays apart too.
    expect(coalesce(op({ kind: 'create', data, seq: 3 }), boEdit)).toEqual({ action: 'append' });
    const adaEdit = op({ kind: 'update', patch: { title: 'Ada' }, base: { title: data.title }, author: ada });
    expect(coalesce(adaCreate, adaEdit)).toEqual({ action: 'replace', op: expect.objectContaining({ kind: 'create', seq: 3, author: ada }) });
    expect(foldOps([adaCreate, boEdit, adaEdit]).map((o) => o.author?.id)).toEqual(['u-ada', 'u-bo', 'u-ada']);
  });

  it('create + update → create with merged data, in the create’s place, with the new opId', () => {
    const create = op({ kind: 'create', data, seq: 7 });
    const update = op({ kind: 'update', patch: { company: 'Babbage & Co' }, base: { company: data.company } });
    const r = coalesce(create, update);
    expect(r).toEqual({
      action: 'replace',
      op: { ...create, opId: update.opId, kind: 'create', data: { ...data, company: 'Babbage & Co' } },
    });
  });

  it('create + delete → both vanish', () => {
    expect(coalesce(op({ kind: 'create', data }), op({ kind: 'delete', base: data }))).toEqual({ action: 'drop-both' });
  });

  it('create + create → append (cannot happen: ids are new)', () => {
    expect(coalesce(op({ kind: 'create', data }), op({ kind: 'create', data }))).toEqual({ action: 'append' });
  });

  it('update + update → latest values, earliest base per field', () => {
    const first = op({ kind: 'update', patch: { name: 'B', company: 'X' }, base: { name: 'A', company: 'W' }, seq: 4 });
    const second = op({ kind: 'update', patch: { name: 'C', email: 'c@x.io' }, base: { name: 'B', email: '' } });
    const r = coalesce(first, second);
    expect(r.action).toBe('replace');
    const merged = (r as { op: OutboxOp }).op;
    expect(merged.kind).toBe('update');
    expect(merged.patch).toEqual({ name: 'C', company: 'X', email: 'c@x.io' });
    expect(merged.base).toEqual({ name: 'A', company: 'W', email: '' });
    expect(merged.seq).toBe(4);
    expect(merged.opId).toBe(second.opId);
  });

  it('update + update that puts every field back → both vanish', () => {
    const first = op({ kind: 'update', patch: { name: 'B' }, base: { name: 'A' } });
    const back = op({ kind: 'update', patch: { name: 'A' }, base: { name: 'B' } });
    expect(coalesce(first, back)).toEqual({ action: 'drop-both' });
  });

  it('update + update drops only the field put back', () => {
    const first = op({ kind: 'update', patch: { name: 'B', interests: ['x'] }, base: { name: 'A', interests: [] } });
    const back = op({ kind: 'update', patch: { interests: [] }, base: { interests: ['x'] } });
    const r = coalesce(first, back) as { op: OutboxOp };
    expect(r.op.patch).toEqual({ name: 'B' });
    expect(r.op.base).toEqual({ name: 'A' });
  });

  it('update + create → append', () => {
    expect(coalesce(op({ kind: 'update', patch: { name: 'B' }, base: { name: 'A' } }), op({ kind: 'create', data }))).toEqual({
      action: 'append',
    });
  });

  it('update + delete → delete; base = the update’s base where it has one, else the delete’s', () => {
    const update = op({ kind: 'update', patch: { name: 'B' }, base: { name: 'A' } });
    const del = op({ kind: 'delete', base: { ...data, name: 'B' } });
    const r = coalesce(update, del) as { op: OutboxOp };
    expect(r.op.kind).toBe('delete');
    expect(r.op.base).toEqual({ ...data, name: 'A' });
    expect(r.op.patch).toBeUndefined();
  });

  it('delete + create → append', () => {
    expect(coalesce(op({ kind: 'delete', base: data }), op({ kind: 'create', data }))).toEqual({ action: 'append' });
  });

  it('rejected delete + update → the update (editing means keeping the record)', () => {
    const del = op({ kind: 'delete', base: data, state: 'failed', lastError: { code: 'x', message: 'no' } });
    const update = op({ kind: 'update', patch: { name: 'B' }, base: { name: data.name } });
    const r = coalesce(del, update) as { op: OutboxOp };
    expect(r.op).toMatchObject({ kind: 'update', patch: { name: 'B' }, base: { name: data.name }, state: 'pending' });
    expect(r.op.lastError).toBeUndefined();
  });

  it('rejected delete + delete → a pending delete (retry)', () => {
    const del = op({ kind: 'delete', base: data, state: 'failed', attempts: 1, lastError: { code: 'x', message: 'no' } });
    const again = op({ kind: 'delete', base: data });
    const r = coalesce(del, again) as { op: OutboxOp };
    expect(r.op).toMatchObject({ kind: 'delete', state: 'pending', attempts: 0, opId: again.opId });
    expect(r.op.lastError).toBeUndefined();
  });

  it('a rejected op takes the edit and becomes pending again, without its error', () => {
    const failed = op({
      kind: 'update',
      patch: { email: 'bad' },
      base: { email: '' },
      state: 'failed',
      attempts: 1,
      lastError: { code: 'invalid', message: 'bad email', field: 'email' },
    });
    const fix = op({ kind: 'update', patch: { email: 'good@x.io' }, base: { email: 'bad' } });
    const r = coalesce(failed, fix) as { op: OutboxOp };
    expect(r.op).toMatchObject({ kind: 'update', state: 'pending', attempts: 0, patch: { email: 'good@x.io' }, base: { email: '' } });
    expect(r.op.lastError).toBeUndefined();
    expect(r.op.opId).toBe(fix.opId);
  });

  it('a rejected create + update → a pending create', () => {
    const failed = op({ kind: 'create', data, state: 'failed', lastError: { code: 'invalid', message: 'x' } });
    const r = coalesce(failed, op({ kind: 'update', patch: { name: 'Z' }, base: { name: data.name } })) as { op: OutboxOp };
    expect(r.op).toMatchObject({ kind: 'create', state: 'pending', data: { ...data, name: 'Z' } });
  });
});

describe('foldOps', () => {
  it('folds a rejected op, the op held behind it and a new edit into one pending op', () => {
    const failed = op({ kind: 'update', patch: { name: 'B' }, base: { name: 'A' }, state: 'failed', seq: 1 });
    const held = op({ kind: 'update', patch: { company: 'Y' }, base: { company: 'X' }, seq: 5 });
    const edit = op({ kind: 'update', patch: { name: 'C' }, base: { name: 'B' } });
    const out = foldOps([failed, held, edit]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ seq: 1, state: 'pending', patch: { name: 'C', company: 'Y' }, base: { name: 'A', company: 'X' } });
  });

  it('create, update, delete → nothing', () => {
    expect(
      foldOps([op({ kind: 'create', data }), op({ kind: 'update', patch: { name: 'B' }, base: { name: data.name } }), op({ kind: 'delete', base: data })]),
    ).toEqual([]);
  });

  // Coalescing must never change what the record ends up as on this device.
  it('keeps the replayed result of any sequence of local edits', () => {
    const fields = ['name', 'company', 'notes'] as const;
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('update' as const), field: fc.constantFrom(...fields), value: fc.constantFrom('a', 'b', 'c') }),
      fc.record({ kind: fc.constant('delete' as const) }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(edit, { maxLength: 8 }), (startsWithCreate, edits) => {
        let current: typeof data | null = data;
        const ops: OutboxOp[] = startsWithCreate ? [op({ kind: 'create', data })] : [];
        for (const e of edits) {
          if (!current) break; // the record is gone: no more edits
          if (e.kind === 'delete') {
            ops.push(op({ kind: 'delete', base: current }));
            current = null;
          } else {
            if (current[e.field] === e.value) continue;
            ops.push(op({ kind: 'update', patch: { [e.field]: e.value }, base: { [e.field]: current[e.field] } }));
            current = { ...current, [e.field]: e.value };
          }
        }
        const server = startsWithCreate ? null : data;
        const folded = foldOps(ops);
        expect(rebase(server, folded)).toEqual(rebase(server, ops));
        expect(folded.length).toBeLessThanOrEqual(1);
        // Each folded update's base is the server's value (the earliest base).
        for (const f of folded) if (f.kind === 'update') for (const [k, v] of Object.entries(f.base!)) expect(v).toEqual(data[k as keyof typeof data]);
      }),
    );
  });
});
