import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PUSH_BYTES } from '../../src/core/protocol';
import { HttpError } from './httpError';

/** One shape for every error answer (`apiErrorBodySchema`); bad input is never a 500. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const httpError = toHttpError(error);
  if (httpError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: httpError.code }, httpError.message);
  return reply.code(httpError.statusCode).send(httpError.toBody());
}

export function toHttpError(error: FastifyError | Error): HttpError {
  if (error instanceof HttpError) return error;
  const { code, statusCode } = error as Partial<FastifyError>;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError('payload_too_large', `The request body is larger than ${MAX_PUSH_BYTES / 1024 / 1024} MiB`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError('bad_request', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError('unsupported_media_type');
  }
  if (statusCode === 404) return new HttpError('not_found');
  if (statusCode === 413) return new HttpError('payload_too_large');
  // Fastify's own 4xx messages (bad content length, JSON syntax...) are safe to show.
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return new HttpError('bad_request', error.message);
  return new HttpError('internal');
}
