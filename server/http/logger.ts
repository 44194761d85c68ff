import type { FastifyServerOptions } from 'fastify';

/** Secrets never reach the log, whatever a later serializer decides to include. */
const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'req.body.password',
  'body.password',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
];

export type LoggerOption = boolean | Record<string, unknown>;

export function loggerOptions(logger: LoggerOption | undefined): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return { ...base, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}
