import { isCompactChange, type PulledChange, type VisitorData, type VisitorPatch } from '../../src/core/protocol';
import type { OutboxOp } from '../../src/core/client/types';
import { coalesce } from '../../src/core/client/coalesce';
import { applyPatch, changedFields, pick } from '../../src/core/values';
import { toWireOp } from '../../src/core/client/wire';
import { materialize, type ConcreteEdit } from './edits';
import type { Rng } from './prng';
import type { AbstractEdit } from './workload';
import type { PushItem } from './backend';

/** The server's version of a record as this device last pulled it. */
export interface ServerCopy {
  rev: number;
  deleted: boolean;
  data: VisitorData;
}

/** One op ready to push, with what the device knew (for the strategies and the oracle). */
export interface PendingOp extends PushItem {
  /** The server version the op builds on. */
  shadow: ServerCopy;
}

/**
 * A device (pure): its copy of the server's records, its optimistic view and its outbox, built
 * the way the real client builds them — `base` is the local value just before the edit, and an
 * offline device's edits to one record fold into one op (src/core/client/coalesce.ts: latest
 * values, earliest base). A device pulls only between rounds, after pushing, so the copy an op
 * builds on is the one it has when it pushes.
 */
export class Device {
  readonly shadows = new Map<string, ServerCopy>();
  cursor = 0;
  private outbox: OutboxOp[] = [];
  private local = new Map<string, VisitorData | null>();
  private seq = 0;

  constructor(
    readonly index: number,
    private readonly ids: Rng,
  ) {}

  /** What the person sees for a record. */
  view(id: string): VisitorData | null {
    if (this.local.has(id)) return this.local.get(id)!;
    const shadow = this.shadows.get(id);
    return shadow && !shadow.deleted ? shadow.data : null;
  }

  /** Makes the edit on this device (offline) and queues it. */
  edit(edit: AbstractEdit): ConcreteEdit {
    const data = this.view(edit.visitor);
    if (!data) throw new Error(`device ${this.index} edits ${edit.visitor}, which it does not have`);
    const concrete = materialize(edit, data);
    // As the repository does (src/data/visitors.ts): only changed fields, each with its local value as base.
    const changes = concrete.patch ? changedFields(data, concrete.patch) : undefined;
    const next: OutboxOp = changes
      ? this.newOp(edit.visitor, 'update', { patch: changes, base: pick(data, Object.keys(changes)) })
      : this.newOp(edit.visitor, 'delete', { base: { ...data } });

    const at = this.outbox.findIndex((o) => o.id === edit.visitor);
    const folded = coalesce(at >= 0 ? this.outbox[at] : undefined, next);
    if (folded.action === 'append') this.outbox.push({ ...next, seq: ++this.seq });
    else if (folded.action === 'replace') this.outbox[at] = folded.op;
    else this.outbox.splice(at, 1);
    this.local.set(edit.visitor, concrete.patch ? applyPatch(data, concrete.patch) : null);
    return concrete;
  }

  /** The outbox in queue order. */
  pending(): PendingOp[] {
    return [...this.outbox]
      .sort((a, b) => a.seq! - b.seq!)
      .map((o) => {
        const shadow = this.shadows.get(o.id)!;
        return { op: toWireOp(o), local: this.view(o.id), shadow, baseRev: shadow.rev };
      });
  }

  /**
   * After pushing: conflicts are the person's to settle in the dialog, which this benchmark does
   * not simulate; the device's rows go back to the server's data at the next pull.
   */
  clearOutbox(): void {
    this.outbox = [];
    this.local.clear();
  }

  /** Applies a pull page (no pending ops, so the row becomes the server's data). */
  applyPull(changes: readonly PulledChange[], cursor: number): void {
    for (const c of changes) this.shadows.set(c.id, { rev: c.rev, deleted: c.deleted, data: this.dataOf(c) });
    this.cursor = cursor;
  }

  /** A compact change (protocol 4) builds on this device's version, at its baseRev or newer. */
  private dataOf(c: PulledChange): VisitorData {
    if (!isCompactChange(c)) return c.data;
    const held = this.shadows.get(c.id);
    if (!held || held.rev < c.baseRev) throw new Error(`compact change of ${c.id} builds on rev ${c.baseRev}; held ${held?.rev ?? 'none'}`);
    return applyPatch(held.data, c.patch as VisitorPatch);
  }

  private newOp(id: string, kind: 'update' | 'delete', fields: Pick<OutboxOp, 'patch' | 'base'>): OutboxOp {
    return {
      opId: this.ids.uuid(),
      collection: 'visitors',
      id,
      kind,
      ...fields,
      state: 'pending',
      attempts: 0,
      createdAt: 0,
    };
  }
}
