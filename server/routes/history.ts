import type { FastifyInstance } from 'fastify';
import { downgradeHistoryEntry, historyParamsSchema, historyQuerySchema, type HistoryResponse } from '../../src/core/protocol';
import { sessionOf } from '../auth/session';
import { HttpError } from '../http/httpError';
import { badRequest } from '../sync/executePush';
import type { RouteDeps } from './deps';

/** Who changed a visitor, when, from what to what, a page at a time. Register behind `authenticate`. */
export function registerHistoryRoutes(app: FastifyInstance, { storage }: RouteDeps): void {
  app.get('/api/visitors/:id/history', async (request) => {
    const session = sessionOf(request);
    const params = historyParamsSchema.safeParse(request.params);
    if (!params.success) throw badRequest(params.error);
    const query = historyQuerySchema.safeParse(request.query);
    if (!query.success) throw badRequest(query.error);
    const page = await storage.history(session.workspaceId, 'visitors', params.data.id, query.data);
    if (!page) throw new HttpError('not_found', 'This visitor does not exist');
    const response: HistoryResponse = {
      entries: page.entries.map((entry) => downgradeHistoryEntry(entry, request.protocolVersion)),
      hasMore: page.hasMore,
      nextBefore: page.hasMore ? (page.entries.at(-1)?.rev ?? null) : null,
    };
    return response;
  });
}
