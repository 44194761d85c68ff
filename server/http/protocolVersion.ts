import type { FastifyInstance } from 'fastify';
import { checkProtocolVersion, PROTOCOL_HEADER, PROTOCOL_RANGE, type ProtocolRange } from '../../src/core/protocol';
import { HttpError } from './httpError';

declare module 'fastify' {
  interface FastifyRequest {
    /** The sync protocol version this request speaks (and is answered in); 0 off the versioned routes. */
    protocolVersion: number;
  }
}

/** The routes whose requests and answers carry records, so whose shape a version decides. */
const VERSIONED = /^\/api\/(sync\/(push|pull)|visitors\/)/;

/** Seconds a client ahead of this server waits before it tries again (a deploy under way). */
const SERVER_OUTDATED_RETRY_AFTER_S = 60;

/**
 * Checks the `Outpost-Protocol` header of every push, pull and history request before its body
 * is read (docs/ARCHITECTURE.md, "Protocol versions"), and names the version of the answer in
 * the same header.
 */
export function checkProtocolVersions(app: FastifyInstance, range: ProtocolRange = PROTOCOL_RANGE): void {
  app.decorateRequest('protocolVersion', 0);
  app.addHook('onRequest', async (request, reply) => {
    if (!VERSIONED.test(request.url)) return;
    const check = checkProtocolVersion(request.headers[PROTOCOL_HEADER], range);
    if (!check.ok) {
      void reply.header(PROTOCOL_HEADER, String(range.current));
      if (check.reason === 'too_old') throw new HttpError('upgrade_required');
      if (check.reason === 'too_new') {
        void reply.header('retry-after', String(SERVER_OUTDATED_RETRY_AFTER_S));
        throw new HttpError('server_outdated');
      }
      throw new HttpError('bad_request', `${PROTOCOL_HEADER} must be a protocol version number`);
    }
    request.protocolVersion = check.version;
    void reply.header(PROTOCOL_HEADER, String(check.version));
  });
}
