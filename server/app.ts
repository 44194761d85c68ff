import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_PUSH_BYTES, type ProtocolRange } from '../src/core/protocol';
import { createAuthDeps, type AuthOptions } from './auth/authDeps';
import { authenticate } from './auth/session';
import { errorHandler } from './http/errorHandler';
import { HttpError } from './http/httpError';
import { registerApiCacheControl } from './http/apiCache';
import { hardenedServerOptions, registerHttpHardening, type HttpHardeningOptions } from './http/hardening';
import { acceptEmptyJsonBodies } from './http/jsonBody';
import { checkProtocolVersions } from './http/protocolVersion';
import { loggerOptions, type LoggerOption } from './http/logger';
import { isApiPath, isAppRoute, registerStatic, sendAppShell } from './http/static';
import { registerAccountRoutes } from './routes/account';
import { registerAttachmentRoutes } from './routes/attachments';
import { registerAuthRoutes } from './routes/auth';
import type { RouteDeps } from './routes/deps';
import { registerHistoryRoutes } from './routes/history';
import { registerSyncRoutes } from './routes/sync';
import { registerEventRoutes } from './routes/events';
import { createPokeHub, type PokeHub } from './sync/pokeHub';
import { inProcessPushExecutor, type PushExecutor } from './sync/pushExecutor';
import { startAttachmentCollector, type AttachmentCollector, type AttachmentCollectorOptions } from './storage/attachmentCollector';
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
  /** When unreferenced photos are deleted (default: a minute after start, then hourly); false: never. */
  attachmentCollector?: AttachmentCollectorOptions | false;
  /** What runs pushes (default: this thread); the server runs them in a worker (`startPushWorker`). Closed with the app. */
  pushes?: PushExecutor;
  /** Login and sign-up limits, overriding `DEFAULT_AUTH_THROTTLE` policy by policy. */
  authThrottle?: AuthOptions['authThrottle'];
  /** HTTP timeouts, the bounds on unauthenticated bodies and the shutdown deadline (defaults in server/http/). */
  http?: HttpHardeningOptions;
  /** The sync protocol versions accepted (default `PROTOCOL_RANGE`: the current one and the one before). */
  protocols?: ProtocolRange;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: loggerOptions(opts.logger), bodyLimit: MAX_PUSH_BYTES, ...hardenedServerOptions(opts.http) });
  const deps: RouteDeps = { storage: opts.storage, now: opts.now ?? (() => new Date()), cookieSecure: opts.cookieSecure ?? false,
    pokes: opts.pokes ?? createPokeHub(),
    pushes: opts.pushes ?? inProcessPushExecutor(opts.storage),
    ...createAuthDeps(opts),
  };

  app.setErrorHandler(errorHandler);
  // onClose runs after the server stopped taking requests and the ones under way were answered.
  app.addHook('onClose', () => deps.pushes.close());
  acceptEmptyJsonBodies(app);
  app.decorateRequest('session', null);
  registerApiCacheControl(app);
  await registerHttpHardening(app, opts.http);
  checkProtocolVersions(app, opts.protocols);
  await app.register(fastifyCookie);

  app.get('/api/health', async () => ({ ok: true }));
  registerAuthRoutes(app, deps);
  await app.register(async (protectedScope) => {
    protectedScope.addHook('onRequest', authenticate(deps));
    registerAccountRoutes(protectedScope, deps);
    registerSyncRoutes(protectedScope, deps);
    registerHistoryRoutes(protectedScope, deps);
    registerEventRoutes(protectedScope, deps);
    await registerAttachmentRoutes(protectedScope, deps);
  });
  if (opts.attachmentCollector !== false) collectAttachmentsWhileUp(app, deps, opts.attachmentCollector);

  if (opts.staticDir) await registerStatic(app, opts.staticDir);
  const serveAppShell = opts.staticDir !== undefined;
  app.setNotFoundHandler((request, reply) => {
    if (serveAppShell && isAppRoute(request)) return sendAppShell(reply);
    const error = new HttpError('not_found', `No such ${isApiPath(request.url) ? 'API route' : 'page'}: ${request.method} ${request.url.split('?')[0]}`);
    return reply.code(error.statusCode).send(error.toBody());
  });

  return app;
}

/** Runs the attachment collector from ready to close, so storage is never closed under a run. */
function collectAttachmentsWhileUp(app: FastifyInstance, deps: RouteDeps, options?: AttachmentCollectorOptions): void {
  let collector: AttachmentCollector | null = null;
  app.addHook('onReady', async () => {
    collector = startAttachmentCollector({ storage: deps.storage, now: deps.now, log: app.log }, options);
  });
  app.addHook('onClose', async () => {
    await collector?.stop();
  });
}
