import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_PUSH_BYTES } from '../src/core/protocol';
import { authenticate } from './auth/session';
import { errorHandler } from './http/errorHandler';
import { HttpError } from './http/httpError';
import { acceptEmptyJsonBodies } from './http/jsonBody';
import { loggerOptions, type LoggerOption } from './http/logger';
import { isApiPath, isAppRoute, registerStatic, sendAppShell } from './http/static';
import { registerAccountRoutes } from './routes/account';
import { registerAuthRoutes } from './routes/auth';
import type { RouteDeps } from './routes/deps';
import { registerHistoryRoutes } from './routes/history';
import { registerSyncRoutes } from './routes/sync';
import { registerEventRoutes } from './routes/events';
import { createPokeHub, type PokeHub } from './sync/pokeHub';
import type { Storage } from './storage/types';

export interface AppOptions {
  storage: Storage;
  /** The built app (index.html, assets, sw.js); omitted: API only. */
  staticDir?: string;
  logger?: LoggerOption;
  /** Mark the session cookie Secure (serve over HTTPS). */
  cookieSecure?: boolean;
  /** The server clock; tests move it. */
  now?: () => Date;
  /** Change notifications to open pages; in-memory unless several instances share them. */
  pokes?: PokeHub;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: loggerOptions(opts.logger), bodyLimit: MAX_PUSH_BYTES });
  const deps: RouteDeps = { storage: opts.storage, now: opts.now ?? (() => new Date()), cookieSecure: opts.cookieSecure ?? false,
    pokes: opts.pokes ?? createPokeHub(),
  };

  app.setErrorHandler(errorHandler);
  acceptEmptyJsonBodies(app);
  app.decorateRequest('session', null);
  app.addHook('onSend', async (request, reply) => {
    // Nothing under /api/ may be stored by the browser, a proxy or the service worker.
    if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
  });
  await app.register(fastifyCookie);

  app.get('/api/health', async () => ({ ok: true }));
  registerAuthRoutes(app, deps);
  await app.register(async (protectedScope) => {
    protectedScope.addHook('onRequest', authenticate(deps));
    registerAccountRoutes(protectedScope, deps);
    registerSyncRoutes(protectedScope, deps);
    registerHistoryRoutes(protectedScope, deps);
    registerEventRoutes(protectedScope, deps);
  });

  if (opts.staticDir) await registerStatic(app, opts.staticDir);
  const serveAppShell = opts.staticDir !== undefined;
  app.setNotFoundHandler((request, reply) => {
    if (serveAppShell && isAppRoute(request)) return sendAppShell(reply);
    const error = new HttpError('not_found', `No such ${isApiPath(request.url) ? 'API route' : 'page'}: ${request.method} ${request.url.split('?')[0]}`);
    return reply.code(error.statusCode).send(error.toBody());
  });

  return app;
}
