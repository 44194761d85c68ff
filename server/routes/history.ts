import type { FastifyInstance } from 'fastify';
import type { HistoryResponse } from '../../src/core/protocol';
import { sessionOf } from '../auth/session';
import { HttpError } from '../http/httpError';
import type { RouteDeps } from './deps';

/** Who changed a visitor, when, from what to what. Register behind `authenticate`. */
export function registerHistoryRoutes(app: FastifyInstance, { storage }: RouteDeps): void {
  app.get<{ Params: { id: string } }>('/api/visitors/:id/history', async (request) => {
    const session = sessionOf(request);
    const entries = await storage.history(session.workspaceId, 'visitors', request.params.id);
    if (!entries) throw new HttpError('not_found', 'This visitor does not exist');
    const response: HistoryResponse = { entries };
    return response;
  });
}
