import type { FastifyInstance } from 'fastify';
import { sessionOf } from '../auth/session';
import type { RouteDeps } from './deps';

/** A comment line now and then keeps proxies and the browser from timing the stream out. */
const HEARTBEAT_MS = 25_000;
/** How long an EventSource waits before reconnecting after the stream drops. */
const RECONNECT_MS = 3_000;

/** `GET /api/sync/events`: Server-Sent Events, a `poke` with the latest cursor on every change. */
export function registerEventRoutes(app: FastifyInstance, { pokes }: RouteDeps): void {
  const open = new Set<() => void>();
  // preClose, not onClose: open streams would keep the server from closing at all.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get('/api/sync/events', (request, reply) => {
    const { workspaceId } = sessionOf(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
    const unsubscribe = pokes.subscribe(workspaceId, (cursor) => {
      raw.write(`event: poke\ndata: ${JSON.stringify({ cursor })}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      raw.end();
    };
    open.add(end);
    request.raw.on('close', end);
  });
}
