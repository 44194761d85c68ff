import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpResult } from '../../src/core/protocol';
import { createOp, pullWhole, push, serverWithOnePerson, updateOp, visitor, type SignedIn, type TestServer } from '../test/helpers';

let server: TestServer, ann: SignedIn;
beforeAll(async () => ({ server, ann } = await serverWithOnePerson()));
afterAll(() => server.close());

/*
 * Issue 12's stall: a visitor whose notes are 5,000 lines, then one push of 420 updates whose
 * base is 580 other lines, each of which takes a large text merge (about 2.9 million diff
 * cells). Lines are mostly empty so that 420 ops fit in one push; what a diff costs depends on
 * the number of lines, not on what they say. Each op changes a line of its own, so each merges.
 */
const BASE_LINES = ['first', ...Array<string>(578).fill(''), 'last'];
const SERVER_NOTES = ['top', ...Array<string>(4998).fill(''), 'bottom'].join('\n');
const editOf = (i: number) => BASE_LINES.map((line, at) => (at === i + 1 ? `edit ${i}` : line)).join('\n');
const isOverBudget = (r: OpResult) => r.status === 'rejected' && r.error?.code === 'push_budget_exceeded';

describe('push: the work budget', () => {
  it('answers the ops after the budget push_budget_exceeded, applies none of them, and a repeat push goes on from there', async () => {
    const id = randomUUID();
    await push(server.app, ann.cookie, [createOp(id, visitor({ notes: SERVER_NOTES }))]);
    const ops = Array.from({ length: 420 }, (_, i) => updateOp(id, { notes: editOf(i) }, { notes: BASE_LINES.join('\n') }));

    const first = await push(server.app, ann.cookie, ops);
    const applied = first.results.filter((r) => !isOverBudget(r));
    expect(applied.length).toBeGreaterThanOrEqual(1);
    expect(applied.length).toBeLessThan(20);
    expect(applied.map((r) => r.status)).toEqual(applied.map(() => 'applied'));
    expect(first.results.slice(applied.length).every(isOverBudget)).toBe(true);
    expect(first.results.map((r) => r.opId)).toEqual(ops.map((op) => op.opId));

    const [record] = (await pullWhole(server.app, ann.cookie)).changes;
    expect(record?.rev).toBe(1 + applied.length);
    expect(record?.data.notes.match(/edit \d+/g)?.sort()).toEqual(applied.map((_, i) => `edit ${i}`).sort());

    const rest = ops.slice(applied.length);
    const second = await push(server.app, ann.cookie, rest);
    const appliedNext = second.results.filter((r) => !isOverBudget(r));
    expect(appliedNext.length).toBeGreaterThanOrEqual(1);
    expect(appliedNext.map((r) => [r.opId, r.status])).toEqual(rest.slice(0, appliedNext.length).map((op) => [op.opId, 'applied']));
    const [after] = (await pullWhole(server.app, ann.cookie)).changes;
    expect(after?.data.notes.match(/edit \d+/g)).toHaveLength(applied.length + appliedNext.length);

    // Sent again, the ones applied are duplicates and the next ones are run.
    const replay = await push(server.app, ann.cookie, ops.slice(0, applied.length + appliedNext.length + 1));
    expect(replay.results.slice(0, -1).map((r) => r.status)).toEqual(replay.results.slice(0, -1).map(() => 'duplicate'));
  });
});
