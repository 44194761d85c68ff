import type { FastifyInstance } from 'fastify';
import type { InviteResponse } from '../../src/core/protocol';
import { INVITE_TTL_MS, newInviteCode } from '../auth/inviteCode';
import { sessionOf } from '../auth/session';
import type { RouteDeps } from './deps';
import { sessionBody } from './auth';

/** The signed-in person's session and workspace. Register behind `authenticate`. */
export function registerAccountRoutes(app: FastifyInstance, { storage, now }: RouteDeps): void {
  app.get('/api/auth/me', async (request) => {
    const s = sessionOf(request);
    return sessionBody({ user: { id: s.userId, email: s.email }, workspace: { id: s.workspaceId, name: s.workspaceName } });
  });

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
}
