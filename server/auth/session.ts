import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/httpError';
import type { Storage } from '../storage/types';
import { SESSION_COOKIE, SESSION_TTL_MS, hashSessionToken, newSessionToken } from './sessionToken';

/** Who is calling: set by `authenticate` on every protected route. */
export interface RequestSession {
  userId: string;
  email: string;
  workspaceId: string;
  workspaceName: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: RequestSession | null;
  }
}

export interface SessionDeps {
  storage: Storage;
  now: () => Date;
  cookieSecure: boolean;
}

/**
 * An onRequest hook: answers 401 for a missing, unknown or expired session. It runs before the
 * body is read, so nobody unauthenticated gets their body parsed.
 */
export function authenticate({ storage, now }: Pick<SessionDeps, 'storage' | 'now'>) {
  return async function authenticateRequest(request: FastifyRequest): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new HttpError('unauthenticated');
    const tokenHash = hashSessionToken(token);
    const stored = await storage.findSession(tokenHash);
    if (!stored) throw new HttpError('unauthenticated');
    if (stored.expiresAt <= now().toISOString()) {
      await storage.deleteSession(tokenHash);
      throw new HttpError('unauthenticated', 'Your session has expired, please sign in again');
    }
    request.session = {
      userId: stored.userId,
      email: stored.email,
      workspaceId: stored.workspaceId,
      workspaceName: stored.workspaceName,
    };
  };
}

export function sessionOf(request: FastifyRequest): RequestSession {
  if (!request.session) throw new Error(`${request.url} is served without the authenticate hook`);
  return request.session;
}

/** Stores a new session and sets its cookie. */
export async function startSession(
  { storage, now, cookieSecure }: SessionDeps,
  reply: FastifyReply,
  user: { userId: string; workspaceId: string },
): Promise<void> {
  const token = newSessionToken();
  const at = now();
  const expires = new Date(at.getTime() + SESSION_TTL_MS);
  await storage.createSession({ tokenHash: hashSessionToken(token), ...user, expiresAt: expires.toISOString() }, at.toISOString());
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: cookieSecure,
    expires,
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Forgets the caller's session, if any, and clears its cookie. */
export async function endSession({ storage, cookieSecure }: SessionDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await storage.deleteSession(hashSessionToken(token));
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookieSecure });
}
