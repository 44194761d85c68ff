import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './httpError';
import { isFromBrowser, isStateChanging } from './sameOrigin';

/**
 * State-changing API requests carry JSON (the photo upload: its image types, which its routes
 * parse). Fastify's `text/plain` parser goes, so a `<form enctype=text/plain>` body is a 415, as
 * is any type without a parser on the route. A browser must name the type even on a bodiless
 * POST or DELETE: a request without one is a "simple" request that any page can send to another
 * origin without a CORS preflight. A bodiless request with neither type nor Origin is no
 * browser's, and is let through.
 */
export function requireJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request) => {
    if (!isStateChanging(request) || request.headers['content-type'] !== undefined) return;
    if (isFromBrowser(request) || hasBody(request)) throw new HttpError('unsupported_media_type');
  });
}

/** The request announces a body (a length above zero, or chunks). */
export function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
