import type { FastifyInstance } from 'fastify';
import { isApiPath } from './static';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The `cache-control` of this API route's 200 answers; every other /api/ answer is `no-store`. */
    cacheControl?: string;
  }
}

/**
 * Nothing under /api/ may be stored by the browser, a proxy or the service worker, unless its
 * route says otherwise for a success: content-addressed bytes never change, so they may be kept.
 */
export function registerApiCacheControl(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    const own = reply.statusCode === 200 ? request.routeOptions.config.cacheControl : undefined;
    reply.header('cache-control', own ?? 'no-store');
  });
}
