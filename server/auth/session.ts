import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/httpError';
import type { Storage } from '../storage/types';
import type { SessionEnds } from './sessionEnds';
import { SESSION_COOKIE, SESSION_TTL_MS, hashSessionToken, newSessionToken } from './sessionToken';

/** Who is calling: set by `authenticate` on every protected route. */
export interface RequestSession {
  userId: string;
  email: string;
  workspaceId: string;
  workspaceName: string;
  /** The SHA-256 of the session token: what storage and `SessionEnds` know the session by. */
  tokenHash: string;
  expiresAt: string;
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
  sessionEnds: SessionEnds;
}

/**
 * An onRequest hook: answers 401 for a missing, unknown or expired session. It runs before the
 * body is read, so nobody unauthenticated gets their body parsed.
 */
export function authenticate({ storage, now, sessionEnds }: Pick<SessionDeps, 'storage' | 'now' | 'sessionEnds'>) {
  return async function authenticateRequest(request: FastifyRequest): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new HttpError('unauthenticated');
    const tokenHash = hashSessionToken(token);
    const stored = await storage.findSession(tokenHash);
    if (!stored) throw new HttpError('unauthenticated');
    if (stored.expiresAt <= now().toISOString()) {
      await storage.deleteSession(tokenHash);
      sessionEnds.end(tokenHash);
      throw new HttpError('unauthenticated', 'Your session has expired, please sign in again');
    }
    request.session = {
      userId: stored.userId,
      email: stored.email,
      workspaceId: stored.workspaceId,
      workspaceName: stored.workspaceName,
      tokenHash,
      expiresAt: stored.expiresAt,
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

/** Forgets the caller's session, if any, ends the streams opened with it, and clears its cookie. */
export async function endSession(
  { storage, cookieSecure, sessionEnds }: SessionDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    const tokenHash = hashSessionToken(token);
    await storage.deleteSession(tokenHash);
    sessionEnds.end(tokenHash);
  }
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookieSecure });
}

/** Whether the session is still stored and unexpired: an open stream asks before each poke. */
export async function isSessionLive({ storage, now }: Pick<SessionDeps, 'storage' | 'now'>, tokenHash: string): Promise<boolean> {
  const stored = await storage.findSession(tokenHash);
  return stored !== null && stored.expiresAt > now().toISOString();
}
