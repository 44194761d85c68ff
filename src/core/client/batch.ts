import type { OutboxOp } from './types';
import { PUSH_ENVELOPE_BYTES, wireSize } from './wire';

/** Push bodies stay under this (the server takes 1 MiB), leaving room for the envelope. */
export const DEFAULT_BATCH_BYTES = 900 * 1024;

/**
 * For each record with an op that cannot go now, the seq of its first such op: the record's
 * later ops wait behind it. `blocked`: the rejected ops, and the ops of people other than the
 * one signed in (author.ts).
 */
export function heldFrom(blocked: readonly OutboxOp[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const b of blocked) held.set(b.id, Math.min(b.seq!, held.get(b.id) ?? Infinity));
  return held;
}

/** Whether a drain leaves `op` where it is: it cannot go, or waits behind an op of its record that cannot. */
export function isHeld(op: OutboxOp, held: ReadonlyMap<string, number>): boolean {
  const first = held.get(op.id);
  return first !== undefined && op.seq! >= first;
}

export interface BatchLimits {
  maxOps: number;
  maxBytes: number;
  /** Records whose ops must wait (a batch of theirs is in flight). */
  skipRecords?: ReadonlySet<string>;
}

/**
 * Builds the next push batch from queued ops offered in seq order: leaves out held ops and
 * skipped records, and stops at the op count or before the byte budget. An op too big on its
 * own still goes, alone: the server's 413 turns it into a visible rejection.
 */
export class BatchBuilder {
  readonly ops: OutboxOp[] = [];
  private bytes = PUSH_ENVELOPE_BYTES;
  private closed = false;

  constructor(
    private readonly limits: BatchLimits,
    private readonly held: ReadonlyMap<string, number>,
  ) {}

  /** Offers the next op; false once the batch is full (offer no more). */
  offer(op: OutboxOp): boolean {
    if (this.full) return false;
    if (isHeld(op, this.held) || this.limits.skipRecords?.has(op.id)) return true;
    const size = wireSize(op);
    if (this.ops.length && this.bytes + size > this.limits.maxBytes) {
      this.closed = true;
      return false;
    }
    this.ops.push(op);
    this.bytes += size;
    return !this.full;
  }

  get full(): boolean {
    return this.closed || this.ops.length >= this.limits.maxOps;
  }

  /** How many more ops could fit by count. */
  get room(): number {
    return this.limits.maxOps - this.ops.length;
  }
}
