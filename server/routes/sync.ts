import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { MAX_OPS_PER_PUSH, MAX_PUSH_BYTES, pullQuerySchema, pushRequestSchema, type PushResponse } from '../../src/core/protocol';
import { describeIssue } from '../../src/core/protocol/issues';
import { sessionOf } from '../auth/session';
import { HttpError } from '../http/httpError';
import { planPush } from '../../src/core/push/planPush';
import { validateOp } from '../../src/core/push/validateOp';
import type { RouteDeps } from './deps';

/** Room for the envelope around 1 MiB of ops, however the client measured them. */
export const PUSH_BODY_LIMIT = MAX_PUSH_BYTES + 64 * 1024;

/** Push and pull (docs/ARCHITECTURE.md, "Wire protocol"). Register behind `authenticate`. */
export function registerSyncRoutes(app: FastifyInstance, { storage, now, pokes }: RouteDeps): void {
  app.post('/api/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const session = sessionOf(request);
    const count = opCount(request.body);
    if (count > MAX_OPS_PER_PUSH) {
      throw new HttpError('too_many_ops', `A push may carry at most ${MAX_OPS_PER_PUSH} operations; this one has ${count}`);
    }
    const parsed = pushRequestSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest(parsed.error);

    const { ops, clientId } = parsed.data;
    const items = ops.map(validateOp);
    const lookup = { opIds: items.map((i) => i.opId), records: ops.map(({ collection, id }) => ({ collection, id })) };
    const actor = { userId: session.userId, email: session.email };
    const at = now().toISOString();
    const plan = await storage.push(session.workspaceId, lookup, (state) => planPush(items, state, actor, at));
    request.log.info({ clientId, ops: ops.length, cursor: plan.rev }, 'push');
    if (plan.results.some((r) => r.status === 'applied' || r.status === 'conflict')) pokes.publish(session.workspaceId, plan.rev);
    const response: PushResponse = { results: plan.results, cursor: plan.rev };
    return response;
  });

  app.get('/api/sync/pull', async (request) => {
    const session = sessionOf(request);
    const parsed = pullQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest(parsed.error);
    return storage.pull(session.workspaceId, parsed.data.since, parsed.data.limit);
  });
}

function opCount(body: unknown): number {
  const ops = typeof body === 'object' && body !== null ? (body as { ops?: unknown }).ops : undefined;
  return Array.isArray(ops) ? ops.length : 0;
}

/** 400 naming the first problem: `ops.3.opId: Invalid UUID`. */
function badRequest(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  return new HttpError('bad_request', issue ? describeIssue(issue) : 'The request is not valid');
}
