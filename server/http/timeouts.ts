import type { ServerOptions } from 'node:http';

/** How long the server waits on a client; every value in ms. */
export interface HttpTimeouts {
  /** From a connection's first byte, or its next request's, to the end of the request's headers. */
  headersMs: number;
  /** To the end of a whole request, body included: as long as the app waits on a photo upload. */
  requestMs: number;
  /** An idle connection between two requests. Above a fronting proxy's own idle timeout (often 60 s). */
  keepAliveMs: number;
  /** A connection with no traffic either way; event streams write every 25 s, so they stay. */
  idleSocketMs: number;
  /** How often Node looks for connections past `headersMs` or `requestMs` (its default is 30 s). */
  checkEveryMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 15_000,
  requestMs: 120_000,
  keepAliveMs: 72_000,
  idleSocketMs: 90_000,
  checkEveryMs: 1_000,
};

/**
 * The timeouts as Fastify and Node's HTTP server take them. Node's request timeout ends a request
 * still arriving (answering 408); it no longer applies once a request is in, so an event stream,
 * whose GET is complete the moment it starts, outlives it.
 */
export function timeoutServerOptions(overrides: Partial<HttpTimeouts> = {}): TimeoutServerOptions {
  const t = { ...DEFAULT_HTTP_TIMEOUTS, ...overrides };
  return {
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionTimeout: t.idleSocketMs,
    http: { headersTimeout: Math.min(t.headersMs, t.requestMs), connectionsCheckingInterval: t.checkEveryMs },
  };
}

interface TimeoutServerOptions {
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
}
