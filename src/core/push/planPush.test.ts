import { describe, expect, it } from 'vitest';
import { MESSAGES, messageFor } from '../messages';
import type { OpEnvelope } from '../protocol';
import { createOp, updateOp, visitor, testUuid } from '../testing/wireOps';
import { planPush, type PushState } from './planPush';
import { OP_WORK, PUSH_WORK_BUDGET } from './pushBudget';
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
      { collection: 'visitors', id: a, rev: 12, deleted: false, data: visitor({ rating: 5, capturedBy: 'ann@example.com' }), updatedAt: at, updatedBy: 'u1' },
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

/** `count` one-letter lines from a fixed seed: 5,000 of them fit in a visitor's notes. */
function letterLines(count: number, seed: number): string[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return 'abcdefghijklmnopqrstuvwxyz'[state % 26]!;
  });
}

describe('planPush: the work budget', () => {
  // Issue 12's stall: notes of 5,000 lines on the server, 420 updates whose base is 798 other
  // lines, so each op's text merge fills a diff table of about 4 million cells.
  const id = testUuid();
  const serverNotes = letterLines(5000, 1).join('\n');
  const baseNotes = letterLines(798, 2).join('\n');
  const state: PushState = {
    rev: 7,
    applied: new Map(),
    records: new Map([[recordKey('visitors', id), { rev: 7, deleted: false, data: visitor({ notes: serverNotes }), updatedAt: at, updatedBy: 'bob@example.com' }]]),
  };
  const updates = Array.from({ length: 420 }, (_, i) => updateOp(id, { notes: `rewritten ${i}` }, { notes: baseNotes }));

  it('answers every op after the spent budget push_budget_exceeded, and runs none of them', () => {
    const plan = planPush(items(...updates), state, actor, at);
    const run = plan.results.filter((r) => r.error?.code !== 'push_budget_exceeded');
    expect(run.length).toBeGreaterThanOrEqual(1);
    expect(run.length).toBeLessThan(10);
    expect(plan.results.slice(0, run.length)).toEqual(run); // the ones run are the first ones
    expect(run.map((r) => r.status)).toEqual(run.map(() => 'conflict'));
    for (const r of plan.results.slice(run.length)) {
      expect(r).toEqual({ opId: r.opId, status: 'rejected', error: { code: 'push_budget_exceeded', message: expect.any(String) } });
    }
    expect(plan.appliedOps.map((o) => o.opId)).toEqual(run.map((r) => r.opId));
  });

  it('cuts the same batch at the same op every time, and the rest goes through when sent again', () => {
    const first = planPush(items(...updates), state, actor, at);
    const again = planPush(items(...updates), state, actor, at);
    expect(again.results).toEqual(first.results);

    let rest = updates.slice(0, 20);
    let pushes = 0;
    let before = state;
    while (rest.length) {
      const plan = planPush(items(...rest), before, actor, at);
      const done = plan.results.filter((r) => r.error?.code !== 'push_budget_exceeded').length;
      expect(done).toBeGreaterThanOrEqual(1);
      before = { ...before, applied: new Map([...before.applied, ...plan.appliedOps.map((o) => [o.opId, o.result] as const)]) };
      rest = rest.slice(done);
      pushes += 1;
    }
    expect(before.applied.size).toBe(20);
    expect(pushes).toBeGreaterThan(1);
  });

  it('always runs the first op, however small the budget; cheap ops all fit in the default one', () => {
    const a = testUuid();
    const tiny = planPush(items(createOp(a, visitor()), createOp(testUuid(), visitor())), empty, actor, at, undefined, 1);
    expect(tiny.results.map((r) => r.error?.code ?? r.status)).toEqual(['applied', 'push_budget_exceeded']);
    expect(tiny.records.map((r) => r.id)).toEqual([a]);

    const creates = Array.from({ length: 500 }, () => createOp(testUuid(), visitor({ notes: 'n'.repeat(10_000) })));
    expect(500 * OP_WORK).toBeLessThan(PUSH_WORK_BUDGET);
    expect(planPush(items(...creates), empty, actor, at).results.every((r) => r.status === 'applied')).toBe(true);
  });
});

describe('planPush: an opId used again', () => {
  it('answers the same op again duplicate, and another op under that opId op_id_reused, holding its record', () => {
    const a = testUuid();
    const b = testUuid();
    const opId = testUuid();
    const first = planPush(items(createOp(a, visitor({ name: 'Ada' }), opId)), empty, actor, at);
    const stored = first.appliedOps[0]!.result;
    expect(stored.opHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.results[0]).not.toHaveProperty('opHash');
    const before: PushState = { rev: first.rev, applied: new Map([[opId, stored]]), records: new Map() };

    const replay = planPush(items(createOp(a, visitor({ name: 'Ada' }), opId)), before, actor, at);
    expect(replay.results).toEqual([{ ...first.results[0], status: 'duplicate' }]);

    const reused = planPush(
      items(createOp(b, visitor({ name: 'Grace' }), opId), updateOp(b, { rating: 1 }, { rating: 4 }), createOp(testUuid(), visitor())),
      before,
      actor,
      at,
    );
    expect(reused.results.map((r) => r.error?.code ?? r.status)).toEqual(['op_id_reused', 'blocked_by_earlier_rejection', 'applied']);
    expect(reused.appliedOps).toHaveLength(1);
    expect(messageFor('op_id_reused')).not.toBe(MESSAGES.rejected);
  });

  it('answers duplicate to any replay of an op stored before hashes were kept', () => {
    const opId = testUuid();
    const legacy = { status: 'applied' as const, rev: 3, record: visitor(), deleted: false };
    const before: PushState = { rev: 10, applied: new Map([[opId, legacy]]), records: new Map() };
    const plan = planPush(items(createOp(testUuid(), visitor({ name: 'Someone else' }), opId)), before, actor, at);
    expect(plan.results).toEqual([{ opId, status: 'duplicate', rev: 3, record: visitor(), deleted: false }]);
  });

  it('tells two ops under one opId within one batch apart too', () => {
    const a = testUuid();
    const opId = testUuid();
    const plan = planPush(items(createOp(a, visitor(), opId), updateOp(a, { rating: 1 }, { rating: 4 }, opId)), empty, actor, at);
    expect(plan.results.map((r) => r.error?.code ?? r.status)).toEqual(['applied', 'op_id_reused']);
  });
});
