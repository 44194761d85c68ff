import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Bounds `app.close()`. Node stops its header and request timeouts once the server closes, and
 * Fastify waits for every open connection, so one client that never sends a request would keep
 * the server alive for ever. On close: connections with no request in progress are closed at
 * once (also each one as its last answer goes out), requests in progress (a push) may finish,
 * event streams are ended by their own preClose, and at the deadline every connection still open
 * is destroyed.
 */
export function closeWithinDeadline(app: FastifyInstance, deadlineMs: number): void {
  const connections = trackConnections(app.server);
  let deadline: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    connections.closeWhenIdle();
    deadline = setTimeout(() => {
      app.log.warn({ open: connections.count() }, `shutdown: closing the connections still open after ${deadlineMs} ms`);
      connections.destroyAll();
    }, deadlineMs);
  });
  app.addHook('onClose', async () => {
    clearTimeout(deadline);
  });
}

interface TrackedConnections {
  count(): number;
  /** Closes the idle connections now, and every other one as soon as it is idle. */
  closeWhenIdle(): void;
  destroyAll(): void;
}

/** Each open connection and how many of its requests are in progress. */
function trackConnections(server: Server): TrackedConnections {
  const inProgress = new Map<Socket, number>();
  const answered = new WeakSet<Socket>();
  let closing = false;
  // A connection that was answered is ended (its last answer is flushed first); one that never
  // sent a request has nothing to flush.
  const closeIfIdle = (socket: Socket) => {
    if (!closing || inProgress.get(socket) !== 0) return;
    if (answered.has(socket)) socket.end();
    else socket.destroy();
  };

  server.on('connection', (socket: Socket) => {
    inProgress.set(socket, 0);
    socket.once('close', () => inProgress.delete(socket));
    closeIfIdle(socket);
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    inProgress.set(socket, (inProgress.get(socket) ?? 0) + 1);
    response.once('close', () => {
      if (!inProgress.has(socket)) return;
      answered.add(socket);
      inProgress.set(socket, Math.max(0, (inProgress.get(socket) ?? 1) - 1));
      closeIfIdle(socket);
    });
  });

  return {
    count: () => inProgress.size,
    closeWhenIdle() {
      closing = true;
      for (const socket of inProgress.keys()) closeIfIdle(socket);
    },
    destroyAll() {
      server.closeAllConnections();
      for (const socket of inProgress.keys()) socket.destroy();
    },
  };
}
