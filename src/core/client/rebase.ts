import type { VisitorData } from '../protocol';
import type { OutboxOp } from './types';
import { applyPatch } from '../values';

type ReplayableOp = Pick<OutboxOp, 'kind' | 'data' | 'patch' | 'state'>;

/**
 * The optimistic view of one record: the server's data with this device's ops replayed in
 * order. `null` means the record does not exist here.
 *
 * A rejected delete is not replayed: the record stays in view so the person sees the error and
 * can discard or retry it. Rejected creates and updates are replayed — the row shows the
 * person's values next to the error.
 */
export function rebase(server: VisitorData | null, ops: readonly ReplayableOp[]): VisitorData | null {
  let data = server;
  for (const op of ops) {
    switch (op.kind) {
      case 'create':
        data = op.data ?? data;
        break;
      case 'update':
        data = data && op.patch ? applyPatch(data, op.patch) : data;
        break;
      case 'delete':
        if (op.state !== 'failed') data = null;
        break;
    }
  }
  return data;
}
