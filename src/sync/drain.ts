import { PUSH_BUDGET_EXCEEDED, type PushResponse } from '../core/protocol';
import type { OutboxOp } from '../core/client/types';
import { pastBudget } from '../core/client/planPushResults';
import type { Publish } from '../core/client/status';
import { toWireOp } from '../core/client/wire';
import { ProtocolError, RequestRejectedError, ServerError } from '../core/errors';
import { messageFor } from '../core/messages';
import type { Outbox, TakeOptions } from './outbox';
import type { Transport } from './transport';

export interface DrainContext {
  outbox: Outbox;
  transport: Transport;
  publish: Publish;
  clientId: string;
  maxOps: number;
  maxBytes: number;
}

/**
 * Drains the outbox; returns how many ops it pushed. `first`: its first batch, when the caller
 * has already taken it (in flight, as `takeBatch` leaves it). Pipelined, so that IndexedDB, the network
 * and the server all work at once: while a batch is on the wire the next one is already taken
 * (marked in flight), and goes out the moment the answer is in; the answer is then written, and
 * the batch after next taken, in one transaction, while the server works. A batch taken while
 * another is in flight leaves out that batch's records (the server must see a record's ops in
 * order, and their rejections and conflicts must land first); those ops go in a later batch.
 *
 * Ops the server did not get to within its work budget stay pending and go again at once, in
 * the next batch taken after nothing of theirs is in flight. A batch is only sent while every op
 * in it is the signed-in person's: if the person changed since it was taken, the drain takes
 * again for the new one.
 */
export async function drain(ctx: DrainContext, pending: number, first?: OutboxOp[]): Promise<number> {
  if (!pending) return 0;
  const pipe = new Pipeline(ctx);
  let total = pending;
  let done = 0;
  ctx.publish({ type: 'progress', done, total });
  let batch = first ?? (await ctx.outbox.takeBatch(pipe.limits([])));
  if (!batch.length) return done;
  pipe.start(batch);
  for (;;) {
    const answer = await pipe.answer();
    if (answer === 'retake') {
      batch = await ctx.outbox.takeBatch(pipe.limits([]));
      if (!batch.length) return done;
      pipe.start(batch);
      continue;
    }
    const overBudget = pastBudget(pipe.batch, answer).size;
    if (overBudget === pipe.batch.length) {
      // The server runs a batch's first op whatever its budget: an answer with no op run would
      // be sent again and again without progress. Wait (backoff) as for a server error.
      await pipe.next.catch(() => {});
      throw new ServerError(200, null, { details: { reason: PUSH_BUDGET_EXCEEDED, ops: overBudget } });
    }
    const following = await pipe.next;
    if (following.length) pipe.sent = pipe.send(following);
    const { missing, next: afterThat } = await ctx.outbox.applyPushResults(pipe.batch, answer, {
      // The ops over budget are pending again behind a batch in flight: nothing more is taken
      // until that batch is answered, then the next take starts from them (a record's ops in order).
      ...(overBudget && following.length ? {} : { thenTake: pipe.limits(following) }),
    });
    if (missing) {
      // Left pending; stop here rather than resend them in a loop.
      throw new ProtocolError(`push answer has no result for ${missing} of ${pipe.batch.length} ops`, { details: { missing } });
    }
    done += pipe.batch.length - overBudget;
    total = Math.max(total, done);
    ctx.publish({ type: 'progress', done, total });
    if (following.length) {
      pipe.batch = following;
      pipe.next = Promise.resolve(afterThat);
    } else {
      // Nothing was in flight: what was just taken (ops left out earlier) goes next.
      if (!afterThat.length) return done;
      pipe.start(afterThat);
    }
  }
}

/** The batch on the wire and the one taken behind it. */
class Pipeline {
  batch: OutboxOp[] = [];
  sent: Promise<PushResponse> = Promise.reject(new Error('nothing sent'));
  next: Promise<OutboxOp[]> = Promise.resolve([]);
  private maxOps: number;

  constructor(private readonly ctx: DrainContext) {
    this.maxOps = ctx.maxOps;
    this.sent.catch(() => {});
  }

  limits(inFlight: readonly OutboxOp[]): TakeOptions {
    return { maxOps: this.maxOps, maxBytes: this.ctx.maxBytes, skipRecords: new Set(inFlight.map((o) => o.id)) };
  }

  /**
   * Sends a batch taken while another was on the wire, after checking that its person is still
   * the one signed in. No transaction is open while a push is on the wire: never hold IndexedDB
   * across the network.
   */
  send(batch: readonly OutboxOp[]): Promise<PushResponse> {
    const sent = batch.every((op) => !op.author)
      ? this.push(batch)
      : this.ctx.outbox.stillSendable(batch).then((ok) => (ok ? this.push(batch) : Promise.reject(new SignedInChanged())));
    sent.catch(() => {});
    return sent;
  }

  private push(batch: readonly OutboxOp[]): Promise<PushResponse> {
    const sent = this.ctx.transport.push({ clientId: this.ctx.clientId, ops: batch.map(toWireOp) });
    sent.catch(() => {});
    return sent;
  }

  /**
   * Sends `batch`, just taken (the take read the session: no check needed), and takes the next
   * behind it.
   */
  start(batch: OutboxOp[]): void {
    this.batch = batch;
    this.sent = this.push(batch);
    this.next = this.ctx.outbox.takeBatch(this.limits(batch));
    this.next.catch(() => {});
  }

  /**
   * The answer to the batch on the wire. A 413 halves the batch size (`retake`: ops go back to
   * pending and are taken again), down to the one op that does not fit: that one is rejected.
   * A batch not sent because someone else signed in is taken again too, for the new person.
   */
  async answer(): Promise<PushResponse | 'retake'> {
    try {
      return await this.sent;
    } catch (e) {
      // Settle the read-ahead first: a failure recovers what it marked in flight too.
      await this.next.catch(() => {});
      if (e instanceof SignedInChanged) {
        await this.ctx.outbox.recoverInflight();
        return 'retake';
      }
      if (!(e instanceof RequestRejectedError && e.status === 413)) throw e;
      if (this.batch.length === 1) return rejectAll(this.batch, 'too_large');
      this.maxOps = Math.ceil(this.batch.length / 2);
      await this.ctx.outbox.recoverInflight();
      return 'retake';
    }
  }
}

function rejectAll(batch: readonly OutboxOp[], code: string): PushResponse {
  return {
    results: batch.map((op) => ({ opId: op.opId, status: 'rejected' as const, error: { code, message: messageFor(code) } })),
    cursor: 0,
  };
}

/** A batch taken for one person, not sent because another is signed in now. */
class SignedInChanged extends Error {}
