import { describe, expect, it } from 'vitest';
import { BatchBuilder, heldFrom, isHeld } from './batch';
import { op } from '../testing/ops';

const ada = { id: 'u-ada', email: 'ada@example.com' };
const update = (id: string, seq: number, extra = {}) => op({ kind: 'update', id, seq, patch: { title: `T${seq}` }, base: {}, ...extra });

describe('batch selection', () => {
  it('holds an op that cannot go and every later op of its record, never an earlier one', () => {
    const earlier = update('r1', 1);
    const others = update('r1', 2, { author: ada });
    const later = update('r1', 3);
    const held = heldFrom([others]);
    expect([earlier, others, later].map((o) => isHeld(o, held))).toEqual([false, true, true]);
    expect(isHeld(update('r2', 4), held)).toBe(false);
  });

  it('a rejected op holds its record from its own seq, as before', () => {
    const failed = update('r1', 5, { state: 'failed' });
    const held = heldFrom([failed]);
    expect(isHeld(failed, held)).toBe(true);
    expect(isHeld(update('r1', 6), held)).toBe(true);
    expect(isHeld(update('r1', 4), held)).toBe(false);
  });

  it('leaves held ops out of the batch', () => {
    const ops = [update('r1', 1), update('r2', 2, { author: ada }), update('r2', 3), update('r3', 4)];
    const batch = new BatchBuilder({ maxOps: 10, maxBytes: 100_000 }, heldFrom([ops[1]!]));
    for (const o of ops) batch.offer(o);
    expect(batch.ops.map((o) => o.seq)).toEqual([1, 4]);
  });
});
