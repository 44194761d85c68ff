import type { FastifyInstance } from 'fastify';
import { COMPACT_SINCE, downgradeChange, MAX_PUSH_BYTES, pullQuerySchema, type PulledChange } from '../../src/core/protocol';
import { compactChanges } from '../../src/core/pull/compactChanges';
import { sessionOf } from '../auth/session';
import { HttpError } from '../http/httpError';
import { badRequest } from '../sync/executePush';
import type { RouteDeps } from './deps';

/** Room for the envelope around 1 MiB of ops, however the client measured them. */
export const PUSH_BODY_LIMIT = MAX_PUSH_BYTES + 64 * 1024;

/** Push and pull (docs/ARCHITECTURE.md, "Wire protocol"). Register behind `authenticate`. */
export function registerSyncRoutes(app: FastifyInstance, { storage, now, pokes, pushes }: RouteDeps): void {
  void app.register(async (pushScope) => {
    // The body travels on to the push executor as bytes: parsing it is part of the push's work.
    pushScope.removeContentTypeParser('application/json');
    pushScope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: PUSH_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    pushScope.post('/api/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request, reply) => {
      const session = sessionOf(request);
      const body = request.body instanceof Uint8Array ? request.body : new Uint8Array();
      const actor = { userId: session.userId, email: session.email };
      const answer = await pushes
        .push({ workspaceId: session.workspaceId, actor, at: now().toISOString(), protocol: request.protocolVersion, body })
        .catch((error: unknown) => {
          if (error instanceof HttpError && error.code === 'server_busy') void reply.header('retry-after', '1');
          throw error;
        });
      request.log.info({ clientId: answer.clientId, ops: answer.ops, cursor: answer.cursor }, 'push');
      if (answer.changed) pokes.publish(session.workspaceId, answer.cursor);
      return reply.type('application/json; charset=utf-8').send(answer.json);
    });
  });

  app.get('/api/sync/pull', async (request) => {
    const session = sessionOf(request);
    const parsed = pullQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest(parsed.error);
    const { since, limit, compact } = parsed.data;
    const page = await storage.pull(session.workspaceId, since, limit);
    let changes: PulledChange[] = page.changes;
    // Only a device that finished a pull at `since` says `compact`; a first pull has nothing to build on.
    if (compact && request.protocolVersion >= COMPACT_SINCE && since > 0 && page.changes.length) {
      // Read after the records: it holds every entry up to theirs (written in one transaction with them).
      changes = compactChanges(page.changes, since, await storage.historySince(session.workspaceId, since, page.changes));
    }
    return { ...page, changes: changes.map((change) => downgradeChange(change, request.protocolVersion)) };
  });
}

