import {
  pullResponseSchema,
  pushResponseSchema,
  type Change,
  type OpResult,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncOp,
  type VisitorData,
} from '../../core/protocol';
import type { SyncError } from '../../core/errors';
import { NetworkError } from '../../core/errors';
import { pick, sameValue } from '../../core/values';
import type { Transport } from '../transport';

interface ServerRecord {
  rev: number;
  deleted: boolean;
  data: VisitorData;
  updatedAt: string;
  updatedBy: string | null;
}

type Fault = SyncError | 'drop-after-commit';

/**
 * A tiny in-memory sync server speaking the wire protocol (DESIGN §4) for engine tests:
 * opId dedupe, per-field merge with `manual` policy for every field, conflicts, tombstones,
 * rev-ordered pull. Answers are checked against the shared response schemas.
 */
export class FakeSyncServer implements Transport {
  readonly records = new Map<string, ServerRecord>();
  readonly pushes: PushRequest[] = [];
  readonly pulls: { since: number; limit: number }[] = [];
  /** opIds seen, with the result first given (rejections are not recorded: a fixed op may come back). */
  readonly applied = new Map<string, OpResult>();
  rev = 0;
  /** Rejects an op with this error, if it returns one. */
  rejectOp: (op: SyncOp) => { code: string; message: string; field?: string } | null = () => null;
  /** Runs during a push before the server answers (e.g. the person edits while ops are in flight). */
  duringPush: (() => Promise<void>) | null = null;
  private readonly faults: { on: 'push' | 'pull'; fault: Fault }[] = [];

  /** The next push (or pull) fails this way. */
  failNext(on: 'push' | 'pull', fault: Fault): void {
    this.faults.push({ on, fault });
  }

  async push(req: PushRequest): Promise<PushResponse> {
    this.pushes.push(structuredClone(req));
    const fault = this.takeFault('push');
    if (fault && fault !== 'drop-after-commit') throw fault;
    const rejectedRecords = new Set<string>();
    const results = req.ops.map((op) => {
      const seen = this.applied.get(op.opId);
      if (seen) return { ...this.current(op.id, op.opId), status: 'duplicate' as const };
      let result: OpResult;
      if (rejectedRecords.has(op.id)) {
        result = { opId: op.opId, status: 'rejected', error: { code: 'blocked_by_earlier_rejection', message: 'An earlier change to this record was rejected' } };
      } else {
        const error = this.rejectOp(op);
        result = error ? { opId: op.opId, status: 'rejected', error } : this.apply(op);
      }
      if (result.status === 'rejected') rejectedRecords.add(op.id);
      else this.applied.set(op.opId, result);
      return result;
    });
    if (this.duringPush) await this.duringPush();
    if (fault === 'drop-after-commit') throw new NetworkError('connection reset after commit');
    return pushResponseSchema.parse({ results, cursor: this.rev });
  }

  async pull(since: number, limit: number): Promise<PullResponse> {
    this.pulls.push({ since, limit });
    const fault = this.takeFault('pull');
    if (fault && fault !== 'drop-after-commit') throw fault;
    const newer = [...this.records.entries()].filter(([, r]) => r.rev > since).sort(([, a], [, b]) => a.rev - b.rev);
    const page = newer.slice(0, limit);
    const changes: Change[] = page.map(([id, r]) => ({
      collection: 'visitors',
      id,
      rev: r.rev,
      deleted: r.deleted,
      data: r.data,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
    }));
    return pullResponseSchema.parse({
      changes,
      cursor: page.length ? page[page.length - 1]![1].rev : Math.max(since, 0),
      hasMore: newer.length > limit,
    });
  }

  /** Someone else's change. */
  edit(id: string, changes: Partial<VisitorData>, by = 'bob@example.com'): void {
    const r = this.records.get(id)!;
    this.write(id, { ...r, data: { ...r.data, ...changes } }, by);
  }

  /** Someone else's create. */
  seed(id: string, data: VisitorData, by = 'bob@example.com'): void {
    this.write(id, { rev: 0, deleted: false, data, updatedAt: '', updatedBy: by }, by);
  }

  /** Someone else's delete. */
  erase(id: string, by = 'bob@example.com'): void {
    this.write(id, { ...this.records.get(id)!, deleted: true }, by);
  }

  private write(id: string, r: ServerRecord, by: string | null) {
    this.rev++;
    this.records.set(id, { ...r, rev: this.rev, updatedAt: new Date(1_700_000_000_000 + this.rev * 1000).toISOString(), updatedBy: by });
  }

  private current(id: string, opId: string): OpResult {
    const r = this.records.get(id);
    if (!r) return { opId, status: 'applied' };
    return { opId, status: 'applied', rev: r.rev, record: r.deleted ? null : r.data, deleted: r.deleted };
  }

  private apply(op: SyncOp): OpResult {
    const r = this.records.get(op.id);
    switch (op.kind) {
      case 'create':
        // As the real server: a create over a tombstone restores the record.
        if (r && !r.deleted) return { opId: op.opId, status: 'rejected', error: { code: 'id_taken', message: 'Record exists' } };
        this.write(op.id, { rev: 0, deleted: false, data: op.data, updatedAt: '', updatedBy: null }, 'me@example.com');
        return this.current(op.id, op.opId);
      case 'update': {
        if (!r) return { opId: op.opId, status: 'rejected', error: { code: 'not_found', message: 'No such record' } };
        if (r.deleted) {
          return {
            ...this.current(op.id, op.opId),
            status: 'conflict',
            conflict: { kind: 'update-delete', fields: Object.keys(op.patch), theirs: r.data, theirsBy: r.updatedBy, theirsAt: r.updatedAt },
          };
        }
        const take: Record<string, unknown> = {};
        const contended: string[] = [];
        for (const [f, c] of Object.entries(op.patch)) {
          const s = (r.data as Record<string, unknown>)[f];
          const b = (op.base as Record<string, unknown>)[f];
          if (sameValue(s, b)) take[f] = c;
          else if (!sameValue(s, c)) contended.push(f);
        }
        if (Object.keys(take).length) this.write(op.id, { ...r, data: { ...r.data, ...take } }, 'me@example.com');
        const now = this.records.get(op.id)!;
        if (!contended.length) return this.current(op.id, op.opId);
        return {
          ...this.current(op.id, op.opId),
          status: 'conflict',
          conflict: { kind: 'update-update', fields: contended, theirs: pick(now.data, contended), theirsBy: now.updatedBy, theirsAt: now.updatedAt },
        };
      }
      case 'delete': {
        if (!r || r.deleted) return this.current(op.id, op.opId);
        if (op.baseRev !== undefined && r.rev > op.baseRev && op.base) {
          const fields = Object.keys(r.data).filter((f) => !sameValue((r.data as Record<string, unknown>)[f], (op.base as Record<string, unknown>)[f]));
          if (fields.length) {
            return {
              ...this.current(op.id, op.opId),
              status: 'conflict',
              conflict: { kind: 'delete-update', fields, theirs: pick(r.data, fields), theirsBy: r.updatedBy, theirsAt: r.updatedAt },
            };
          }
        }
        this.write(op.id, { ...r, deleted: true }, 'me@example.com');
        return this.current(op.id, op.opId);
      }
    }
  }

  private takeFault(on: 'push' | 'pull'): Fault | null {
    const i = this.faults.findIndex((f) => f.on === on);
    return i < 0 ? null : this.faults.splice(i, 1)[0]!.fault;
  }
}
