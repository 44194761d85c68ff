export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  cookieSecure: boolean;
  logLevel: string;
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
  };
}

/** The address to show people: a wildcard host is reachable as localhost. */
export function displayUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
