import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'outpost_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** 32 random bytes; only its hash is stored, so a leaked database holds no usable sessions. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
