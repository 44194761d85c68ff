import type { z } from 'zod';
import { COMPACT_SINCE, downgradeResult, MAX_OPS_PER_PUSH, pushRequestSchema, upgradeOp, type PushResponse } from '../../src/core/protocol';
import { describeIssue } from '../../src/core/protocol/issues';
import { planPush } from '../../src/core/push/planPush';
import { validateOp } from '../../src/core/push/validateOp';
import { HttpError } from '../http/httpError';
import type { Storage } from '../storage/types';

/** One push as the route hands it on: who is pushing, when (server time) and the parsed body. */
export interface PushCall {
  workspaceId: string;
  actor: { userId: string; email: string };
  at: string;
  /** The protocol version the client speaks: its ops are read, and answered, in that version. */
  protocol: number;
  body: unknown;
}

export interface PushOutcome {
  response: PushResponse;
  clientId: string;
  /** Whether anything was written that open pages should hear about. */
  changed: boolean;
}

/** Validates a push body and runs it as one storage transaction; bad input throws `HttpError`. */
export async function executePush(storage: Storage, call: PushCall): Promise<PushOutcome> {
  const count = opCount(call.body);
  if (count > MAX_OPS_PER_PUSH) {
    throw new HttpError('too_many_ops', `A push may carry at most ${MAX_OPS_PER_PUSH} operations; this one has ${count}`);
  }
  const parsed = pushRequestSchema.safeParse(call.body);
  if (!parsed.success) throw badRequest(parsed.error);

  const { ops, clientId } = parsed.data;
  const items = ops.map((op) => validateOp(upgradeOp(op, call.protocol)));
  const lookup = { opIds: items.map((i) => i.opId), records: ops.map(({ collection, id }) => ({ collection, id })) };
  const plan = await storage.push(call.workspaceId, lookup, (state) => planPush(items, state, call.actor, call.at));
  const changed = plan.results.some((r) => r.status === 'applied' || r.status === 'conflict');
  // A client of protocol 4 rebuilds records from what it sent; an older one is given them whole.
  const results = call.protocol >= COMPACT_SINCE ? plan.compactResults : plan.results.map((result) => downgradeResult(result, call.protocol));
  return { response: { results, cursor: plan.rev }, clientId, changed };
}

function opCount(body: unknown): number {
  const ops = typeof body === 'object' && body !== null ? (body as { ops?: unknown }).ops : undefined;
  return Array.isArray(ops) ? ops.length : 0;
}

/** 400 naming the first problem: `ops.3.opId: Invalid UUID`. */
export function badRequest(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  return new HttpError('bad_request', issue ? describeIssue(issue) : 'The request is not valid');
}
