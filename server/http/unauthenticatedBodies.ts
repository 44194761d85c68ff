import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { addressKey } from '../auth/addressKey';
import { hasBody } from './bodyTypes';
import { HttpError } from './httpError';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the routes anyone may send a body to (sign-in, sign-up): their bodies are limited. */
    unauthenticatedBody?: boolean;
  }
  interface FastifyRequest {
    /** Frees this request's place among the unauthenticated bodies arriving at once. */
    bodyArrived?: () => void;
  }
}

/** Bounds on the bodies of the routes a person without a session can send one to. */
export interface UnauthenticatedBodyLimits {
  /** Bytes per body: sign-up needs a few hundred. */
  maxBytes: number;
  /** Bodies arriving at once, from everyone. */
  inFlight: number;
  /** Bodies arriving at once from one client address (an IPv6 /64). */
  inFlightPerAddress: number;
  /** From the request's headers to its last body byte. */
  deadlineMs: number;
}

export const DEFAULT_UNAUTHENTICATED_BODY_LIMITS: UnauthenticatedBodyLimits = {
  maxBytes: 4 * 1024,
  inFlight: 64,
  inFlightPerAddress: 8,
  deadlineMs: 10_000,
};

const UNAUTHENTICATED_PREFIX = '/api/auth/';
const RETRY_AFTER_SECONDS = 1;

/**
 * Anyone can send a body to sign-in and sign-up, so nobody may hold the server with them: each is
 * small, few arrive at once (over the bound: 503 with Retry-After, before the body is read), and
 * one that has not fully arrived by the deadline is answered 408 and its connection closed.
 * Register before the routes, so that their body limit is set as they are added.
 */
export function limitUnauthenticatedBodies(app: FastifyInstance, limits: UnauthenticatedBodyLimits): void {
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!route.url.startsWith(UNAUTHENTICATED_PREFIX) || methods.every((m) => m === 'GET' || m === 'HEAD')) return;
    route.bodyLimit ??= limits.maxBytes;
    route.config = { ...route.config, unauthenticatedBody: true };
  });

  const arriving = new ArrivingBodies();
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.unauthenticatedBody || !hasBody(request)) return;
    const address = addressKey(request.ip);
    if (arriving.total >= limits.inFlight || arriving.from(address) >= limits.inFlightPerAddress) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS)).header('connection', 'close');
      throw new HttpError('server_busy', 'Too many sign-ins are arriving at once; try again in a moment');
    }
    const release = arriving.add(address);
    const deadline = setTimeout(() => {
      release();
      request.log.info({ deadlineMs: limits.deadlineMs }, 'request body too slow: connection closed');
      endWithTimeout(request.raw.socket, !reply.raw.headersSent);
    }, limits.deadlineMs);
    const done = () => {
      clearTimeout(deadline);
      release();
    };
    request.bodyArrived = done;
    reply.raw.once('close', done);
  });
  app.addHook('preValidation', async (request) => {
    request.bodyArrived?.();
  });
}

/** Counts of the bodies on their way, in all and per address. */
class ArrivingBodies {
  total = 0;
  private readonly perAddress = new Map<string, number>();

  from(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  /** Counts one more; the returned release counts it out, once however often it is called. */
  add(address: string): () => void {
    this.total += 1;
    this.perAddress.set(address, this.from(address) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = this.from(address) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    };
  }
}

/** What Node itself does when a request is late: a 408 if nothing was answered yet, then close. */
function endWithTimeout(socket: Socket, canAnswer: boolean): void {
  if (!canAnswer || socket.destroyed) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(new HttpError('request_timeout').toBody());
  const head = `HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
  socket.end(head + body, () => socket.destroy());
}
