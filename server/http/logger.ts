import type { FastifyRequest, FastifyServerOptions } from 'fastify';

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

const CENSOR = '[redacted]';

/** Query parameters that carry a secret: an invite link's code (`/?invite=…`) and its kin. */
const SECRET_QUERY_PARAMS = new Set(['invite', 'invitecode', 'code', 'token', 'password']);

/** Paths that carry a secret in a segment: revoking an invite names its code. */
const SECRET_PATH_SEGMENTS = [/^(\/api\/workspace\/invites\/)[^/?#]+/];

/** A request URL as it may be logged: secret query values and path segments replaced. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  for (const pattern of SECRET_PATH_SEGMENTS) path = path.replace(pattern, `$1${CENSOR}`);
  if (queryAt === -1) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return SECRET_QUERY_PARAMS.has(decodedName(name)) ? `${name}=${CENSOR}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** Fastify's own request serializer, with the URL redacted. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export type LoggerOption = boolean | Record<string, unknown>;

export function loggerOptions(logger: LoggerOption | undefined): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return { ...base, redact: { paths: REDACT_PATHS, censor: CENSOR }, serializers: { req: serializeRequest } };
}
