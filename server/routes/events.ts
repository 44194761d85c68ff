import type { FastifyInstance } from 'fastify';
import { isSessionLive, sessionOf } from '../auth/session';
import type { RouteDeps } from './deps';

/** A comment line now and then keeps proxies and the browser from timing the stream out. */
const HEARTBEAT_MS = 25_000;
/** How long an EventSource waits before reconnecting after the stream drops. */
const RECONNECT_MS = 3_000;
/** setTimeout's longest delay; a session's end further away is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `GET /api/sync/events`: Server-Sent Events, a `poke` with the latest cursor on every change.
 * A stream lives no longer than its session: it ends when that session signs out here, when it
 * expires, and when a poke or heartbeat finds it gone (signed out through another instance).
 */
export function registerEventRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { pokes, sessionEnds, now } = deps;
  const open = new Set<() => void>();
  // preClose, not onClose: open streams would keep the server from closing at all.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get('/api/sync/events', (request, reply) => {
    const { workspaceId, tokenHash, expiresAt } = sessionOf(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);

    let ended = false;
    const cleanups: (() => void)[] = [];
    const end = () => {
      if (ended) return;
      ended = true;
      for (const cleanup of cleanups) cleanup();
      open.delete(end);
      raw.end();
    };
    /** Runs `cleanup` when the stream ends, or now if it already has. */
    const onEnd = (cleanup: () => void) => (ended ? cleanup() : void cleanups.push(cleanup));
    open.add(end);
    request.raw.on('close', end);
    raw.on('close', end);

    const deliver = checkedDelivery(() => isSessionLive(deps, tokenHash), {
      write: (text) => {
        if (!ended) raw.write(text);
      },
      end,
    });
    onEnd(pokes.subscribe(workspaceId, (cursor) => deliver(`event: poke\ndata: ${JSON.stringify({ cursor })}\n\n`)));
    const heartbeat = setInterval(() => deliver(': keep-alive\n\n'), HEARTBEAT_MS);
    onEnd(() => clearInterval(heartbeat));
    onEnd(sessionEnds.onEnd(tokenHash, end));
    onEnd(endAt(Date.parse(expiresAt), () => now().getTime(), end).cancel);
  });
}

/**
 * Writes each text only after `isLive` answered true, in order; texts that arrive while a check
 * runs wait for the next one, which covers them all. A false answer ends the stream instead.
 */
function checkedDelivery(isLive: () => Promise<boolean>, stream: { write(text: string): void; end(): void }) {
  let waiting: string[] = [];
  let checking = false;
  const drain = async () => {
    checking = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        const live = await isLive().catch(() => true); // a storage hiccup is no reason to drop a live page
        if (!live) return stream.end();
        for (const text of batch) stream.write(text);
      }
    } finally {
      checking = false;
    }
  };
  return (text: string) => {
    waiting.push(text);
    if (!checking) void drain();
  };
}

/** Calls `onDue` at `dueMs` on the server clock `nowMs`, in steps setTimeout can take. */
function endAt(dueMs: number, nowMs: () => number, onDue: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = dueMs - nowMs();
    if (left <= 0) return onDue();
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}
