import { PUSH_BUDGET_EXCEEDED, type OpError } from '../protocol';

/*
 * A push's work budget (docs/ARCHITECTURE.md, "Wire protocol", "Limits"). Merges run inside the
 * push's write transaction, so a batch of ops that each need a large text merge would hold the
 * workspace (and, on SQLite, the whole database) for seconds. The budget is counted in work
 * units, never in time, so the same batch is always cut at the same op: one unit per character a
 * text merge reads, per line it compares and per cell of its diff table (`WorkMeter`), plus
 * `OP_WORK` per op. About 5 ns of merging per unit.
 */

/** What one push may spend; ops after it is spent are not run. About 80 ms of merging. */
export const PUSH_WORK_BUDGET = 16_000_000;

/** What any op costs, merge or not: reading, planning, hashing and writing it. */
export const OP_WORK = 2_000;

/** The answer to each op of a batch after its budget was spent: not run, to be sent again. */
export const BUDGET_EXCEEDED: OpError = {
  code: PUSH_BUDGET_EXCEEDED,
  message: 'The server did not get to this change in this push; it will be sent again',
};
