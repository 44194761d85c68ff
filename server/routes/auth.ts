import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { MESSAGES } from '../../src/core/messages';
import { loginSchema, signupSchema, type Session } from '../../src/core/protocol';
import { tooManyAttempts } from '../auth/authThrottle';
import { commonPasswordCheck } from '../auth/commonPasswords';
import { normalizeInviteCode } from '../auth/inviteCode';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../auth/password';
import { endSession, startSession } from '../auth/session';
import { HttpError } from '../http/httpError';
import { parseBody } from '../http/validate';
import type { Account } from '../storage/types';
import type { RouteDeps } from './deps';

const [newWorkspaceSignup, inviteSignup] = signupSchema.options;

/** Signup, login and logout: the routes a person without a session can call. */
export function registerAuthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { storage, now, throttle } = deps;
  const isCommonPassword = commonPasswordCheck();

  app.post('/api/auth/signup', async (request, reply) => {
    // Validate against the branch the body is aiming at, so field errors name that branch's fields.
    const isInvite = typeof request.body === 'object' && request.body !== null && 'inviteCode' in request.body;
    const body = parseBody(isInvite ? inviteSignup : newWorkspaceSignup, request.body);
    if (isCommonPassword(body.password)) {
      throw new HttpError('invalid', MESSAGES.password_too_common, { password: MESSAGES.password_too_common });
    }
    const started = throttle.beginSignup(request.ip);
    if (!started.ok) throw tooManyAttempts(reply, started.waitMs);
    try {
      const user = { id: randomUUID(), email: body.email, passwordHash: await hashPassword(body.password) };
      started.attempt.succeeded();
      const at = now().toISOString();
      const result =
        'inviteCode' in body
          ? await storage.joinWorkspaceAccount(user, normalizeInviteCode(body.inviteCode), at)
          : await storage.createWorkspaceAccount(user, { id: randomUUID(), name: body.workspaceName }, at);
      if (!result.ok) throw new HttpError(result.reason);
      await startSession(deps, reply, { userId: user.id, workspaceId: result.account.workspace.id });
      return reply.code(201).send(sessionBody(result.account));
    } finally {
      started.attempt.abandon();
    }
  });

  app.post('/api/auth/login', async (request, reply) => {
    const body = parseBody(loginSchema, request.body);
    const started = throttle.beginLogin(body.email, request.ip);
    if (!started.ok) throw tooManyAttempts(reply, started.waitMs);
    try {
      const user = await storage.findUserByEmail(body.email);
      const ok = user ? await verifyPassword(body.password, user.passwordHash) : await verifyAgainstNothing(body.password);
      if (!user || !ok) {
        started.attempt.failed();
        throw new HttpError('invalid_credentials');
      }
      started.attempt.succeeded();
      await startSession(deps, reply, { userId: user.id, workspaceId: user.workspaceId });
      return sessionBody({ user: { id: user.id, email: user.email }, workspace: { id: user.workspaceId, name: user.workspaceName } });
    } finally {
      started.attempt.abandon();
    }
  });

  app.post('/api/auth/logout', async (request, reply) => {
    await endSession(deps, request, reply);
    return { ok: true };
  });
}

export function sessionBody(account: Account): Session {
  return { user: { ...account.user }, workspace: { ...account.workspace } };
}
