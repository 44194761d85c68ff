import type { FastifyInstance } from 'fastify';
import { parseJsonBytes } from './jsonText';

/**
 * A JSON parser with Fastify's prototype-poisoning checks (`parseJsonBytes`), except that an
 * empty body is no body — a bodiless POST with a JSON content type (logout, invites) should not
 * be a 400 — and invalid UTF-8 is a 400 rather than text with replacement characters in it.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBytes(typeof body === 'string' ? Buffer.from(body) : body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
