export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  cookieSecure: boolean;
  logLevel: string;
  /** Sign-ups allowed per client address per hour. */
  signupsPerHour: number;
  /** How long a shutdown waits for requests under way before it closes their connections. */
  shutdownTimeoutMs: number;
}

/** Reads the server's settings from the environment, with the documented defaults. */
export function readConfig(env: Record<string, string | undefined>): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${env.PORT}" is not a port number`);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || './data/outpost.sqlite',
    cookieSecure: env.COOKIE_SECURE === 'true' || env.COOKIE_SECURE === '1',
    logLevel: env.LOG_LEVEL || 'info',
    signupsPerHour: positiveInteger(env, 'SIGNUPS_PER_HOUR', 10),
    shutdownTimeoutMs: positiveInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
  };
}

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} "${raw}" is not a positive whole number`);
  return value;
}

/** The address to show people: a wildcard host is reachable as localhost. */
export function displayUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
