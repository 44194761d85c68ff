import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './httpError';
import { isApiPath } from './static';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request that may change something on the server: every /api/ method but GET, HEAD and OPTIONS. */
export function isStateChanging(request: FastifyRequest): boolean {
  return !READ_ONLY_METHODS.has(request.method) && isApiPath(request.url);
}

/**
 * Whether a request comes from the app's own origin. A browser says where a request comes from:
 * `Sec-Fetch-Site` (which a page cannot forge) must then be `same-origin`; a browser too old to
 * send it sends `Origin`, which must name this host. A request with neither is no browser's (a
 * script, the tests' HTTP client), so no other site can have made it on a person's behalf.
 *
 * The origin is compared by host (with its port) only: behind a proxy that terminates TLS the
 * server sees plain HTTP while the page's origin is https.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return isOriginOfHost(origin, request.host);
}

/** `origin` names `host` (a Host header), a port left out meaning the origin's default. */
export function isOriginOfHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false; // "null" (a sandboxed frame, a privacy-sensitive redirect) or garbage
  }
}

/** A request a browser sent: it carries `Sec-Fetch-Site` or `Origin`. */
export function isFromBrowser(request: FastifyRequest): boolean {
  return request.headers['sec-fetch-site'] !== undefined || request.headers.origin !== undefined;
}

/**
 * Refuses, before its body is read, a state-changing API request that another site made. The
 * SameSite=Lax cookie is not enough: a page on a sibling host is same-site and sends it (an
 * invite created), and a cross-site form POST to logout needs no cookie, as its answer clears it.
 */
export function refuseCrossSiteRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (isStateChanging(request) && !isSameOrigin(request)) {
      throw new HttpError('cross_site_request');
    }
  });
}
