import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  attachmentHashSchema,
  attachmentPath,
  attachmentTypeSchema,
  type AttachmentUploadResponse,
} from '../../src/core/protocol';
import { sessionOf } from '../auth/session';
import { errorHandler } from '../http/errorHandler';
import { HttpError } from '../http/httpError';
import type { RouteDeps } from './deps';

/**
 * The handler measures the body itself; the parser's limit only stops reading, early, a body that
 * is plainly too large. Both answer `attachment_too_large`.
 */
export const ATTACHMENT_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;

/** Bytes addressed by their hash never change: the browser may keep them for good. */
export const ATTACHMENT_CACHE_CONTROL = 'private, max-age=31536000, immutable';

type HashRoute = { Params: { hash: string } };

/**
 * Upload and download of business card photos (docs/ARCHITECTURE.md, "Wire protocol"). Register
 * behind `authenticate`. The routes get a scope of their own, so the image parsers, the body limit
 * and the words for a wrong body apply to them only.
 */
export async function registerAttachmentRoutes(app: FastifyInstance, { storage, now }: RouteDeps): Promise<void> {
  await app.register(async (scope) => {
    // Only images are read; anything else (JSON, text) has no parser here and is a 415.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...ATTACHMENT_TYPES], { parseAs: 'buffer', bodyLimit: ATTACHMENT_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: FastifyError | Error, request, reply) => errorHandler(attachmentError(error), request, reply));

    scope.put<HashRoute>('/api/attachments/:hash', { bodyLimit: ATTACHMENT_BODY_LIMIT, onRequest: checkHash }, async (request, reply) => {
      const session = sessionOf(request);
      const { hash } = request.params;
      const attachment = { hash, type: uploadType(request), bytes: uploadBytes(request) };
      const { stored } = await storage.putAttachment(session.workspaceId, attachment, now().toISOString());
      const size = attachment.bytes.length;
      // The hash names the photo; the bytes themselves never go to the log.
      request.log.info({ hash, size, stored }, 'attachment upload');
      const body: AttachmentUploadResponse = { hash, size, stored };
      if (stored) reply.code(201).header('location', attachmentPath(hash));
      return reply.send(body);
    });

    scope.get<HashRoute>(
      '/api/attachments/:hash',
      { onRequest: checkHash, config: { cacheControl: ATTACHMENT_CACHE_CONTROL } },
      async (request, reply) => {
        const session = sessionOf(request);
        // Another workspace's hash is as unknown as a made-up one: the same 404, nothing more.
        const found = await storage.getAttachment(session.workspaceId, request.params.hash);
        if (!found) throw new HttpError('not_found', 'No such photo');
        return reply.type(found.type).header('x-content-type-options', 'nosniff').send(found.bytes);
      },
    );
  });
}

/** Runs after `authenticate` and before the body is read: a bad hash never reaches storage. */
async function checkHash(request: FastifyRequest<HashRoute>): Promise<void> {
  if (!attachmentHashSchema.safeParse(request.params.hash).success) {
    throw new HttpError('bad_request', 'An attachment is addressed by the SHA-256 of its bytes: 64 lower-case hex digits');
  }
}

function uploadType(request: FastifyRequest) {
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const type = attachmentTypeSchema.safeParse(mediaType);
  if (!type.success) throw unsupportedType();
  return type.data;
}

/** The body, checked in the order a client can act on: size, then content. */
function uploadBytes(request: FastifyRequest<HashRoute>): Buffer {
  const bytes = request.body;
  if (!Buffer.isBuffer(bytes)) throw unsupportedType();
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new HttpError('attachment_too_large');
  if (bytes.length === 0) throw new HttpError('bad_request', 'The photo is empty');
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== request.params.hash) {
    throw new HttpError('hash_mismatch', `The photo does not match its hash: its SHA-256 is ${actual}, not ${request.params.hash}`);
  }
  return bytes;
}

function unsupportedType(): HttpError {
  return new HttpError('unsupported_media_type', `Send the photo as one of ${ATTACHMENT_TYPES.join(', ')}`);
}

/** Fastify's own body errors, in this route's words. */
function attachmentError(error: FastifyError | Error): FastifyError | Error {
  switch ((error as Partial<FastifyError>).code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError('attachment_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedType();
  }
  return error;
}
