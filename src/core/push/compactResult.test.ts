import { describe, expect, it } from 'vitest';
import type { OpEnvelope, OpResult, VisitorData } from '../protocol';
import { advancedShadow } from '../client/pushResult';
import type { OutboxOp, Shadow } from '../client/types';
import { createOp, testUuid, updateOp, visitor } from '../testing/wireOps';
import type { CurrentRecord } from './applyOp';
import { planPush, type PushState } from './planPush';
import { recordKey, validateOp } from './validateOp';

const actor = { userId: 'u1', email: 'ann@example.com' };
const at = '2025-06-01T09:00:00.000Z';

/** The server's record of `id` at `rev`, and the same as this device's shadow. */
function held(id: string, rev: number, data: VisitorData): { state: PushState; shadow: Shadow } {
  const record: CurrentRecord = { rev, deleted: false, data, updatedAt: at, updatedBy: 'bob@example.com' };
  return {
    state: { rev: 20, applied: new Map(), records: new Map([[recordKey('visitors', id), record]]) },
    shadow: { id, collection: 'visitors', rev, deleted: false, data },
  };
}

function asOutboxOp(op: OpEnvelope): OutboxOp {
  return { ...(op as OutboxOp), state: 'pending', attempts: 0, createdAt: 0 };
}

/** Both answers to one op, and how this device reads each. */
function answered(op: OpEnvelope, state: PushState, shadow: Shadow | undefined) {
  const plan = planPush([validateOp(op)], state, actor, at);
  const [whole, compact] = [plan.results[0]!, plan.compactResults[0]!];
  const read = (r: OpResult) => advancedShadow(shadow, asOutboxOp(op), r);
  return { whole, compact, fromWhole: read(whole), fromCompact: read(compact) };
}

describe('compact push answers (protocol 4)', () => {
  it('a create answers only the server-stamped fields, and reads as the whole record', () => {
    const id = testUuid();
    const { compact, fromWhole, fromCompact } = answered(createOp(id, visitor({ consent: true, consentVersion: 'v1' })), { rev: 0, applied: new Map(), records: new Map() }, undefined);
    expect(compact).not.toHaveProperty('record');
    expect(compact.patch).toEqual({ capturedBy: 'ann@example.com', consentAt: at });
    expect(fromCompact).toEqual(fromWhole);
    expect(fromCompact?.data.capturedBy).toBe('ann@example.com');
  });

  it('an update made against the record’s current revision answers no fields at all', () => {
    const id = testUuid();
    const { state, shadow } = held(id, 7, visitor({ capturedBy: 'bob@example.com' }));
    const { compact, fromWhole, fromCompact } = answered({ ...updateOp(id, { rating: 1 }, { rating: 4 }), baseRev: 7 }, state, shadow);
    expect(compact).toMatchObject({ status: 'applied', rev: 21, baseRev: 7, patch: {} });
    expect(compact).not.toHaveProperty('record');
    expect(fromCompact).toEqual(fromWhole);
  });

  it('carries what the server decided otherwise: a merged text, a value trimmed, the fields a conflict kept', () => {
    const id = testUuid();
    const server = visitor({ notes: 'line one\nline two from bob', title: 'CTO', interests: ['compute'], capturedBy: 'bob@example.com' });
    const { state, shadow } = held(id, 7, server);
    const merged = answered({ ...updateOp(id, { notes: 'line one mine\nline two' }, { notes: 'line one\nline two' }), baseRev: 7 }, state, shadow);
    expect(merged.compact.patch).toEqual({ notes: merged.whole.record!.notes });
    expect(merged.fromCompact).toEqual(merged.fromWhole);

    const trimmed = answered({ ...updateOp(id, { interests: ['  storage '] }, { interests: ['compute'] }), baseRev: 7 }, state, shadow);
    expect(trimmed.compact.patch).toEqual({ interests: ['storage'] });
    expect(trimmed.fromCompact).toEqual(trimmed.fromWhole);

    const conflict = answered({ ...updateOp(id, { title: 'CEO', rating: 2 }, { title: 'Engineer', rating: 4 }), baseRev: 7 }, state, shadow);
    expect(conflict.compact).toMatchObject({ status: 'conflict', patch: { title: 'CTO' } });
    expect(conflict.fromCompact).toEqual(conflict.fromWhole);
  });

  it('answers the whole record when the op was made against another revision, or names none', () => {
    const id = testUuid();
    const { state, shadow } = held(id, 7, visitor());
    const stale = answered({ ...updateOp(id, { rating: 1 }, { rating: 4 }), baseRev: 5 }, state, { ...shadow, rev: 5 });
    expect(stale.compact).toBe(stale.whole);
    expect(stale.compact.record).toBeDefined();
    const old = answered(updateOp(id, { rating: 1 }, { rating: 4 }), state, shadow);
    expect(old.compact).toBe(old.whole);
  });

  it('a compact answer this device cannot build on leaves the shadow where it is', () => {
    const id = testUuid();
    const { state, shadow } = held(id, 7, visitor());
    const op = { ...updateOp(id, { rating: 1 }, { rating: 4 }), baseRev: 7 };
    const { compact } = answered(op, state, shadow);
    expect(advancedShadow({ ...shadow, rev: 6 }, asOutboxOp(op), compact)).toBeNull();
    expect(advancedShadow(undefined, asOutboxOp(op), compact)).toBeNull();
  });

  it('a replay answers the stored whole result', () => {
    const id = testUuid();
    const { state, shadow } = held(id, 7, visitor());
    const op = { ...updateOp(id, { rating: 1 }, { rating: 4 }), baseRev: 7 };
    const plan = planPush([validateOp(op), validateOp(op)], state, actor, at);
    expect(plan.compactResults[1]).toMatchObject({ status: 'duplicate', record: expect.any(Object) });
    expect(advancedShadow(shadow, asOutboxOp(op), plan.compactResults[0]!)).toEqual(advancedShadow(shadow, asOutboxOp(op), plan.results[0]!));
  });
});
