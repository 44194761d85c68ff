import type { FastifyInstance } from 'fastify';
import { requireJsonBodies } from './bodyTypes';
import { refuseCrossSiteRequests } from './sameOrigin';
import { registerSecurityHeaders } from './securityHeaders';
import { closeWithinDeadline, DEFAULT_SHUTDOWN_TIMEOUT_MS } from './shutdown';
import { timeoutServerOptions, type HttpTimeouts } from './timeouts';
import { DEFAULT_UNAUTHENTICATED_BODY_LIMITS, limitUnauthenticatedBodies, type UnauthenticatedBodyLimits } from './unauthenticatedBodies';

/** What bounds the server's exposure to its clients; each part has its defaults. */
export interface HttpHardeningOptions {
  timeouts?: Partial<HttpTimeouts>;
  unauthenticatedBodies?: Partial<UnauthenticatedBodyLimits>;
  /** How long `close()` waits for requests under way before it destroys their connections. */
  shutdownTimeoutMs?: number;
}

/** The Fastify constructor's part: the HTTP server's timeouts. */
export function hardenedServerOptions(options: HttpHardeningOptions = {}) {
  return timeoutServerOptions(options.timeouts);
}

/**
 * Security headers, same-origin and JSON-only state changes, bounded unauthenticated bodies and
 * a bounded shutdown. Register before any route: the body limits are set as routes are added.
 */
export async function registerHttpHardening(app: FastifyInstance, options: HttpHardeningOptions = {}): Promise<void> {
  await registerSecurityHeaders(app);
  refuseCrossSiteRequests(app);
  requireJsonBodies(app);
  limitUnauthenticatedBodies(app, { ...DEFAULT_UNAUTHENTICATED_BODY_LIMITS, ...options.unauthenticatedBodies });
  closeWithinDeadline(app, options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
}
