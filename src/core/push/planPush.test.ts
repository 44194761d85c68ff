import { describe, expect, it } from 'vitest';
import type { OpEnvelope } from '../protocol';
import { createOp, updateOp, visitor, testUuid } from '../testing/wireOps';
import { planPush, type PushState } from './planPush';
import { recordKey, validateOp } from './validateOp';

const actor = { userId: 'u1', email: 'ann@example.com' };
const at = '2025-06-01T09:00:00.000Z';
const empty: PushState = { rev: 10, applied: new Map(), records: new Map() };
const items = (...ops: object[]) => ops.map((op) => validateOp(op as OpEnvelope));

describe('planPush', () => {
  it('gives each change the next workspace revision and writes each record once', () => {
    const a = testUuid();
    const plan = planPush(
      items(createOp(a, visitor()), updateOp(a, { rating: 5 }, { rating: 4 })),
      empty,
      actor,
      at,
    );
    expect(plan.results.map((r) => [r.status, r.rev])).toEqual([
      ['applied', 11],
      ['applied', 12],
    ]);
    expect(plan.rev).toBe(12);
    expect(plan.records).toEqual([
      { collection: 'visitors', id: a, rev: 12, deleted: false, data: visitor({ rating: 5 }), updatedAt: at, updatedBy: 'u1' },
    ]);
    expect(plan.history.map((h) => [h.kind, h.rev])).toEqual([
      ['create', 11],
      ['update', 12],
    ]);
    expect(plan.appliedOps).toHaveLength(2);
  });

  it('rejects later ops on a record whose earlier op was rejected, and only those', () => {
    const a = testUuid();
    const b = testUuid();
    const plan = planPush(
      items(
        createOp(a, visitor({ email: 'broken' })),
        updateOp(a, { rating: 1 }, { rating: 4 }),
        createOp(b, visitor()),
        updateOp(testUuid(), { rating: 1 }, { rating: 4 }),
      ),
      empty,
      actor,
      at,
    );
    expect(plan.results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'invalid'],
      ['rejected', 'blocked_by_earlier_rejection'],
      ['applied', undefined],
      ['rejected', 'not_found'],
    ]);
    expect(plan.records.map((r) => r.id)).toEqual([b]);
    expect(plan.appliedOps.map((o) => o.result.status)).toEqual(['applied']);
  });

  it('answers duplicate for an opId applied before or earlier in the batch, without a new revision', () => {
    const a = testUuid();
    const op = createOp(a, visitor());
    const stored = { status: 'applied' as const, rev: 3, record: visitor(), deleted: false };
    const before: PushState = { rev: 10, applied: new Map([[op.opId, stored]]), records: new Map() };
    const replay = planPush(items(op, op), before, actor, at);
    expect(replay.results).toEqual([
      { opId: op.opId, status: 'duplicate', rev: 3, record: visitor(), deleted: false },
      { opId: op.opId, status: 'duplicate', rev: 3, record: visitor(), deleted: false },
    ]);
    expect(replay.rev).toBe(10);

    const twiceInOne = planPush(items(op, op), empty, actor, at);
    expect(twiceInOne.results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
    expect(twiceInOne.rev).toBe(11);
  });

  it('keeps the conflict in the stored result so a replay answers it again', () => {
    const a = testUuid();
    const state: PushState = {
      rev: 5,
      applied: new Map(),
      records: new Map([
        [recordKey('visitors', a), { rev: 5, deleted: false, data: visitor({ title: 'CTO' }), updatedAt: at, updatedBy: 'bob@example.com' }],
      ]),
    };
    const plan = planPush(items(updateOp(a, { title: 'CEO' }, { title: 'Engineer' })), state, actor, at);
    expect(plan.appliedOps[0]?.result).toMatchObject({ status: 'conflict', rev: 5, conflict: { kind: 'update-update' } });
    expect(plan.rev).toBe(5);
  });
});
