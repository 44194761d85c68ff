import { describe, expect, it } from 'vitest';
import { PUSH_BUDGET_EXCEEDED, type OpResult, type PushResponse } from '../protocol';
import { pastBudget, planPushResults, type StoredForPush } from './planPushResults';
import { op } from '../testing/ops';
import { visitorData } from '../testing/visitorData';
import type { OutboxOp, Shadow } from './types';

const data = visitorData();
const overBudget = (o: OutboxOp): OpResult => ({ opId: o.opId, status: 'rejected', error: { code: PUSH_BUDGET_EXCEEDED, message: 'Not run' } });
const applied = (o: OutboxOp, rev: number): OpResult => ({ opId: o.opId, status: 'applied', rev, record: data });
const answer = (results: OpResult[]): PushResponse => ({ results, cursor: 1 });
const stored = (queued: OutboxOp[], extra: Partial<StoredForPush> = {}): StoredForPush => ({
  queued,
  shadows: new Map(),
  storedShadows: new Map(),
  conflicts: new Map(),
  inflightThrough: Math.max(...queued.map((o) => o.seq!)),
  ...extra,
});

describe('planPushResults: the push work budget', () => {
  const create1 = op({ kind: 'create', id: 'r1', seq: 1, data });
  const create2 = op({ kind: 'create', id: 'r2', seq: 2, data });
  const update2 = op({ kind: 'update', id: 'r2', seq: 3, patch: { title: 'Later' }, base: { title: data.title } });
  const create3 = op({ kind: 'create', id: 'r3', seq: 4, data });
  const batch = [create1, create2, update2, create3];

  it('keeps an op past the budget pending, as if unanswered: not failed, not gone, no error shown', () => {
    const plan = planPushResults(batch, answer([applied(create1, 1), overBudget(create2), overBudget(update2), overBudget(create3)]), stored(batch), 9);
    expect(plan.overBudget).toBe(3);
    expect(plan.missing).toBe(0);
    expect(plan.writes.deleteOps).toEqual([1]);
    expect(plan.writes.putOps).toEqual([]);
    const rows = new Map(plan.writes.putRows!.map((r) => [r.id, r]));
    // r1 is synced now: its server version is journalled (acks.ts) rather than written into its row.
    expect(rows.has('r1')).toBe(false);
    expect(plan.writes.addAcks).toEqual([{ ids: ['r1'], versions: [{ id: 'r1', rev: 1, data }], at: 9 }]);
    expect(rows.get('r2')).toMatchObject({ syncState: 'pending', data: { title: 'Later' } });
    expect(rows.get('r2')!.error).toBeUndefined();
    expect(rows.get('r3')).toMatchObject({ syncState: 'pending' });
    expect(plan.writes.meta).toEqual({ inflightThrough: 0 });
  });

  it('a later op of the record, held back only because its earlier op was not run, stays pending too', () => {
    const blocked: OpResult = { opId: update2.opId, status: 'rejected', error: { code: 'blocked_by_earlier_rejection', message: 'Held' } };
    const results = answer([applied(create1, 1), overBudget(create2), blocked, applied(create3, 2)]);
    expect([...pastBudget(batch, results)]).toEqual([2, 3]);
    const plan = planPushResults(batch, results, stored(batch), 9);
    expect(plan.overBudget).toBe(2);
    expect(plan.writes.putOps).toEqual([]);
  });

  it('a real rejection beside ops past the budget is still a rejection', () => {
    const rejected: OpResult = { opId: create1.opId, status: 'rejected', error: { code: 'invalid', message: 'No' } };
    const plan = planPushResults([create1, create2], answer([rejected, overBudget(create2)]), stored([create1, create2]), 9);
    expect(plan.overBudget).toBe(1);
    expect(plan.writes.putOps).toMatchObject([{ seq: 1, state: 'failed', lastError: { code: 'invalid' } }]);
  });
});

describe('planPushResults: shared devices', () => {
  it('does not fold another person’s queued edit into the conflict of this person’s op', () => {
    const ada = { id: 'u-ada', email: 'ada@example.com' };
    const bo = { id: 'u-bo', email: 'bo@example.com' };
    const shadow: Shadow = { id: 'r1', collection: 'visitors', rev: 1, deleted: false, data };
    const boEdit = op({ kind: 'update', id: 'r1', seq: 1, patch: { title: 'Bo' }, base: { title: data.title }, author: bo });
    const adaEdit = op({ kind: 'update', id: 'r1', seq: 2, patch: { company: 'Ada Co' }, base: { company: data.company }, author: ada });
    const boLater = op({ kind: 'update', id: 'r1', seq: 3, patch: { phone: '1' }, base: { phone: data.phone }, author: bo });
    const conflict: OpResult = {
      opId: boEdit.opId,
      status: 'conflict',
      rev: 2,
      record: { ...data, title: 'Theirs' },
      conflict: { kind: 'update-update', fields: ['title'], theirs: { title: 'Theirs' }, theirsBy: 'cy', theirsAt: 't' },
    };
    const plan = planPushResults([boEdit], answer([conflict]), stored([boEdit, adaEdit, boLater], { shadows: new Map([['r1', shadow]]), inflightThrough: 1 }), 9);
    // Ada's edit stays queued for her session, and Bo's later one behind it (in order).
    expect(plan.writes.deleteOps).toEqual([1]);
    expect(plan.writes.putConflicts).toMatchObject([{ id: 'r1', mine: { title: 'Bo' } }]);
  });
});

describe('planPushResults: the acknowledgement journal', () => {
  const shadowAt = (id: string, rev: number): Shadow => ({ id, collection: 'visitors', rev, deleted: false, data });

  it('journals a record the answer made synced, and writes no row for it', () => {
    const update = op({ kind: 'update', id: 'r1', seq: 1, patch: { title: 'Dr' }, base: { title: data.title } });
    const record = { ...data, title: 'Dr' };
    const plan = planPushResults([update], answer([{ opId: update.opId, status: 'applied', rev: 6, record }]), stored([update], { shadows: new Map([['r1', shadowAt('r1', 5)]]), storedShadows: new Map([['r1', shadowAt('r1', 5)]]) }), 9);
    expect(plan.writes.putRows).toEqual([]);
    expect(plan.writes.addAcks).toEqual([{ ids: ['r1'], versions: [{ id: 'r1', rev: 6, data: record }], at: 9 }]);
    expect(plan.writes.deleteShadows).toEqual(['r1']); // the journalled version implies it
  });

  it('writes the row when the answer’s revision is not newer than the one the row was based on (an edit the server had already)', () => {
    const update = op({ kind: 'update', id: 'r1', seq: 1, patch: { title: data.title }, base: { title: data.title } });
    const plan = planPushResults([update], answer([{ opId: update.opId, status: 'applied', rev: 5, record: data }]), stored([update], { shadows: new Map([['r1', shadowAt('r1', 5)]]), storedShadows: new Map([['r1', shadowAt('r1', 5)]]) }), 9);
    expect(plan.writes.addAcks).toBeUndefined();
    expect(plan.writes.putRows).toMatchObject([{ id: 'r1', syncState: 'synced', serverRev: 5 }]);
  });

  it('writes the rows of records left pending, failed or in conflict, and journals none of them', () => {
    const create = op({ kind: 'create', id: 'r1', seq: 1, data });
    const later = op({ kind: 'update', id: 'r1', seq: 2, patch: { title: 'Later' }, base: { title: data.title } });
    const rejected = op({ kind: 'create', id: 'r2', seq: 3, data });
    const plan = planPushResults(
      [create, rejected],
      answer([applied(create, 1), { opId: rejected.opId, status: 'rejected', error: { code: 'invalid', message: 'No' } }]),
      stored([create, later, rejected], { inflightThrough: 3 }),
      9,
    );
    expect(plan.writes.addAcks).toBeUndefined();
    expect(plan.writes.putRows!.map((r) => [r.id, r.syncState])).toEqual([['r1', 'pending'], ['r2', 'failed']]);
  });
});
