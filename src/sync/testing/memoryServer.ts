import {
  PUSH_BUDGET_EXCEEDED,
  pullResponseSchema,
  pushResponseSchema,
  type AttachmentUploadResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type OpError,
  type SyncOp,
  type VisitorData,
} from '../../core/protocol';
import type { CurrentRecord, FieldPolicies } from '../../core/push/applyOp';
import { planPush, type PushState, type StoredOpResult } from '../../core/push/planPush';
import { compactChanges, type HistoryMark } from '../../core/pull/compactChanges';
import { patchBetween } from '../../core/values';
import { SettledCursor } from '../../core/client/settledCursor';
import { recordKey, validateOp, type ValidatedOp } from '../../core/push/validateOp';
import { NetworkError, RequestRejectedError, type SyncError } from '../../core/errors';
import { sha256Hex } from '../hash';
import type { Transport } from '../transport';

type Fault = SyncError | 'drop-after-commit';
type Faulted = 'push' | 'pull' | 'attachment';

const ME = { userId: 'me', email: 'me@example.com' };

/** Whose session a request carries: the person the server records as the author of what it applies. */
export interface ServerUser {
  userId: string;
  email: string;
}

/**
 * The sync server in memory, for engine tests: the real push planning (`planPush`, the same
 * merge rules and conflicts as the server) over one workspace held in maps, plus faults to
 * inject and other people's changes. It answers in the current protocol, compact push results
 * and pulled changes included, checked against the shared response schemas.
 */
export class MemorySyncServer implements Transport {
  readonly records = new Map<string, CurrentRecord & { id: string }>();
  readonly pushes: PushRequest[] = [];
  readonly pulls: { since: number; limit: number }[] = [];
  readonly applied = new Map<string, StoredOpResult>();
  /** Which fields each change changed, as the server's history table holds them (for compact pulls). */
  readonly history: HistoryMark[] = [];
  /** What the real transport keeps to ask for compact changes (core/client/settledCursor.ts). */
  private readonly settled = new SettledCursor();
  rev = 0;
  /** Rejects an op with this error, if it returns one (as the server's validation would). */
  rejectOp: (op: SyncOp) => OpError | null = () => null;
  /** Runs during a push before the server answers (e.g. the person edits while ops are in flight). */
  duringPush: (() => Promise<void>) | null = null;
  /** The person whose session cookie the requests carry (the browser's cookie, whoever is signed in). */
  user: ServerUser = ME;
  /**
   * The push work budget, in ops: the ops of a push past the first `budgetOps` are answered
   * `rejected` `push_budget_exceeded` and not applied (null: no budget). The real server always
   * runs a push's first op; 0 plays a server that breaks that promise.
   */
  budgetOps: number | null = null;
  /** Photos by hash, as the server stores them (it checks the hash as the real one does). */
  readonly attachments = new Map<string, { type: string; bytes: ArrayBuffer }>();
  readonly uploads: string[] = [];
  private readonly faults: { on: Faulted; fault: Fault }[] = [];

  constructor(private readonly policies?: FieldPolicies) {}

  /** The next push, pull or attachment request fails this way. */
  failNext(on: Faulted, fault: Fault): void {
    this.faults.push({ on, fault });
  }

  async push(req: PushRequest): Promise<PushResponse> {
    this.pushes.push(structuredClone(req));
    const fault = this.takeFault('push');
    if (fault && fault !== 'drop-after-commit') throw fault;
    const run = this.budgetOps === null ? req.ops : req.ops.slice(0, this.budgetOps);
    const items = run.map((op) => this.validate(op));
    const plan = planPush(items, this.state(), this.user, this.clock(this.rev + 1), this.policies);
    for (const r of plan.records) this.records.set(r.id, { ...r, updatedBy: this.user.email });
    for (const h of plan.history) this.history.push({ collection: h.collection, id: h.recordId, rev: h.rev, kind: h.kind, fields: Object.keys(h.changes) });
    for (const { opId, result } of plan.appliedOps) this.applied.set(opId, result);
    this.rev = plan.rev;
    if (this.duringPush) await this.duringPush();
    if (fault === 'drop-after-commit') throw new NetworkError('connection reset after commit');
    const overBudget = req.ops.slice(run.length).map((op) => ({
      opId: op.opId,
      status: 'rejected' as const,
      error: { code: PUSH_BUDGET_EXCEEDED, message: 'This push used up its work budget; send the rest again.' },
    }));
    return pushResponseSchema.parse({ results: [...plan.compactResults, ...overBudget], cursor: this.rev });
  }

  async pull(since: number, limit: number): Promise<PullResponse> {
    const page = await this.pullPage(since, limit);
    this.settled.answered(page);
    return page;
  }

  private async pullPage(since: number, limit: number): Promise<PullResponse> {
    this.pulls.push({ since, limit });
    const fault = this.takeFault('pull');
    if (fault && fault !== 'drop-after-commit') throw fault;
    const newer = [...this.records.values()].filter((r) => r.rev > since).sort((a, b) => a.rev - b.rev);
    const page = newer.slice(0, limit);
    const whole = page.map(({ id, rev, deleted, data, updatedAt, updatedBy }) => ({ collection: 'visitors' as const, id, rev, deleted, data, updatedAt, updatedBy }));
    return pullResponseSchema.parse({
      changes: this.settled.allowsCompact(since) ? compactChanges(whole, since, this.history) : whole,
      cursor: page.length ? page[page.length - 1]!.rev : Math.max(since, 0),
      hasMore: newer.length > limit,
      remaining: Math.max(0, newer.length - limit),
    });
  }

  async putAttachment(hash: string, bytes: ArrayBuffer, type: string): Promise<AttachmentUploadResponse> {
    this.uploads.push(hash);
    const fault = this.takeFault('attachment');
    if (fault && fault !== 'drop-after-commit') throw fault;
    if ((await sha256Hex(bytes)) !== hash) throw new RequestRejectedError(400, 'The bytes do not match their hash');
    const stored = !this.attachments.has(hash);
    if (stored) this.attachments.set(hash, { type, bytes: bytes.slice(0) });
    if (fault === 'drop-after-commit') throw new NetworkError('connection reset after commit');
    return { hash, size: bytes.byteLength, stored };
  }

  async getAttachment(hash: string): Promise<{ type: string; bytes: ArrayBuffer } | null> {
    const fault = this.takeFault('attachment');
    if (fault && fault !== 'drop-after-commit') throw fault;
    const found = this.attachments.get(hash);
    return found ? { type: found.type, bytes: found.bytes.slice(0) } : null;
  }

  /** Someone else's change. */
  edit(id: string, changes: Partial<VisitorData>, by = 'bob@example.com'): void {
    const r = this.records.get(id)!;
    this.write(id, { ...r.data, ...changes }, r.deleted, by);
  }

  /** Someone else's create. */
  seed(id: string, data: VisitorData, by = 'bob@example.com'): void {
    this.write(id, data, false, by);
  }

  /** Someone else's delete. */
  erase(id: string, by = 'bob@example.com'): void {
    this.write(id, this.records.get(id)!.data, true, by);
  }

  private write(id: string, data: VisitorData, deleted: boolean, by: string) {
    this.rev++;
    const before = this.records.get(id);
    const kind = !before ? 'create' : deleted ? 'delete' : before.deleted ? 'restore' : 'update';
    const fields = Object.keys(patchBetween(before?.data ?? {}, data) ?? data);
    this.history.push({ collection: 'visitors', id, rev: this.rev, kind, fields: deleted ? [] : fields });
    this.records.set(id, { id, rev: this.rev, deleted, data, updatedAt: this.clock(this.rev), updatedBy: by });
  }

  private validate(op: SyncOp): ValidatedOp {
    const error = this.rejectOp(op);
    return error ? { ok: false, opId: op.opId, key: recordKey(op.collection, op.id), error } : validateOp(op);
  }

  private state(): PushState {
    const records = new Map<string, CurrentRecord>();
    for (const [id, r] of this.records) records.set(recordKey('visitors', id), r);
    return { rev: this.rev, applied: this.applied, records };
  }

  private clock(rev: number): string {
    return new Date(1_700_000_000_000 + rev * 1000).toISOString();
  }

  private takeFault(on: Faulted): Fault | null {
    const i = this.faults.findIndex((f) => f.on === on);
    return i < 0 ? null : this.faults.splice(i, 1)[0]!.fault;
  }
}
