import type { FastifyInstance } from 'fastify';
import type { InviteListResponse, InviteResponse } from '../../src/core/protocol';
import { INVITE_TTL_MS, isInviteCode, newInviteCode, normalizeInviteCode } from '../auth/inviteCode';
import { sessionOf } from '../auth/session';
import { HttpError } from '../http/httpError';
import type { RouteDeps } from './deps';
import { sessionBody } from './auth';

/** The signed-in person's session and workspace, and its invites. Register behind `authenticate`. */
export function registerAccountRoutes(app: FastifyInstance, { storage, now }: RouteDeps): void {
  app.get('/api/auth/me', async (request) => {
    const s = sessionOf(request);
    return sessionBody({ user: { id: s.userId, email: s.email }, workspace: { id: s.workspaceId, name: s.workspaceName } });
  });

  /** A new single-use invite: one per person invited. */
  app.post('/api/workspace/invites', async (request, reply) => {
    const s = sessionOf(request);
    const at = now();
    const invite = {
      code: newInviteCode(),
      workspaceId: s.workspaceId,
      createdBy: s.userId,
      expiresAt: new Date(at.getTime() + INVITE_TTL_MS).toISOString(),
    };
    await storage.createInvite(invite, at.toISOString());
    const body: InviteResponse = { code: invite.code, expiresAt: invite.expiresAt };
    return reply.code(201).send(body);
  });

  app.get('/api/workspace/invites', async (request) => {
    const { workspaceId } = sessionOf(request);
    const body: InviteListResponse = { invites: await storage.listInvites(workspaceId, now().toISOString()) };
    return body;
  });

  /** Revokes an unused invite of the caller's workspace; any other code is not found. */
  app.delete<{ Params: { code: string } }>('/api/workspace/invites/:code', async (request, reply) => {
    const { workspaceId } = sessionOf(request);
    const code = normalizeInviteCode(request.params.code);
    if (!isInviteCode(code) || !(await storage.revokeInvite(workspaceId, code))) {
      throw new HttpError('not_found', 'No such invite in this workspace');
    }
    return reply.code(204).send();
  });
}
