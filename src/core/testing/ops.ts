import type { OutboxOp } from '../client/types';

let n = 0;
/** An outbox op for pure tests (ids fixed, opIds unique). */
export function op(fields: Partial<OutboxOp> & Pick<OutboxOp, 'kind'>): OutboxOp {
  n++;
  return {
    opId: `op-${n}`,
    collection: 'visitors',
    id: 'rec-1',
    state: 'pending',
    attempts: 0,
    createdAt: n,
    ...fields,
  };
}
