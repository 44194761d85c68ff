import { withAddedFields } from '../protocol/addedFields';
import type { LocalVisitor, OutboxOp, Shadow } from './types';

/**
 * What a new app version does to a database an older version wrote (pure; `src/db/schema.ts`
 * runs it in the Dexie upgrade transaction, docs/ARCHITECTURE.md "Protocol versions"):
 *
 * - a queued op is rewritten in the current shape, so a drain only ever sends current ops: a
 *   create gets the fields added since, at their defaults (an update's patch and base name only
 *   fields the old version knew, which stay as they are);
 * - rows and shadows get the added fields too, and forget the revision they were pulled at, so
 *   the next pull (from cursor 0) brings each record again with the fields the old version's
 *   pulls left out; a queued op still rebases over it.
 */
export function upgradeQueuedOp(op: OutboxOp): OutboxOp {
  return op.kind === 'create' && op.data ? { ...op, data: withAddedFields(op.data) } : op;
}

/** Revision 0: older than any change the server has, so a pull replaces the row's server part. */
export const REPULL_REV = 0;

export function upgradeRow(row: LocalVisitor): LocalVisitor {
  return { ...row, data: withAddedFields(row.data), ...(row.serverRev !== undefined ? { serverRev: REPULL_REV } : {}) };
}

export function upgradeShadow(shadow: Shadow): Shadow {
  return { ...shadow, data: withAddedFields(shadow.data), rev: REPULL_REV };
}
