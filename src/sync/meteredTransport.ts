import type { SyncTally } from '../core/client/syncStats';
import type { Transport } from './transport';

/**
 * `transport`, timing each push and counting what one sync sends and receives into `tally`
 * (core/client/syncStats.ts). `done()` adds the bytes the transport moved meanwhile; the engine
 * folds the tally into meta `syncStats` once, at the end of the sync, so a drain writes nothing more.
 */
export function meteredTransport(transport: Transport, tally: SyncTally, now: () => number): Transport & { done(): void } {
  const before = transport.traffic?.();
  return {
    async push(req) {
      const started = now();
      const answer = await transport.push(req);
      const at = now();
      const conflicts = answer.results.filter((r) => r.status === 'conflict').length;
      tally.pushes.push({ at, ms: at - started, ops: req.ops.length, conflicts });
      return answer;
    },
    async pull(since, limit) {
      const page = await transport.pull(since, limit);
      tally.pulls.push({ at: now(), changes: page.changes.length });
      return page;
    },
    putAttachment: (hash, bytes, type) => transport.putAttachment(hash, bytes, type),
    getAttachment: (hash) => transport.getAttachment(hash),
    done() {
      const after = transport.traffic?.();
      if (before && after) tally.bytes = { sent: after.sent - before.sent, received: after.received - before.received };
    },
  };
}
