import type { SyncOp } from '../protocol';
import type { OutboxOp } from './types';

/** An outbox op as it travels (local bookkeeping stripped). */
export function toWireOp(op: OutboxOp): SyncOp {
  const { opId, collection, id } = op;
  switch (op.kind) {
    case 'create':
      return { opId, collection, id, kind: 'create', data: op.data! };
    case 'update':
      return { opId, collection, id, kind: 'update', patch: op.patch ?? {}, base: op.base ?? {}, ...(op.baseRev !== undefined ? { baseRev: op.baseRev } : {}) };
    case 'delete':
      return { opId, collection, id, kind: 'delete', ...(op.base ? { base: op.base } : {}) };
  }
}

/** UTF-8 length of a string, without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes `op` adds to a push body's `ops` array (its JSON plus a comma). */
export function wireSize(op: OutboxOp): number {
  return utf8Length(JSON.stringify(toWireOp(op))) + 1;
}

/** `{"clientId":"…","ops":[]}` around the ops. */
export const PUSH_ENVELOPE_BYTES = 256;
