import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from './app';
import { DEFAULT_AUTH_THROTTLE } from './auth/authThrottle';
import { displayUrl, readConfig } from './config';
import { parseDatabaseUrl } from './storage/databaseUrl';
import { openStorage } from './storage/open';
import { createPostgresPokeHub } from './sync/postgresPokeHub';
import { startPushWorker } from './sync/pushWorkerPool';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const storage = await openStorage(config.databaseUrl);
  await storage.migrate();
  const target = parseDatabaseUrl(config.databaseUrl);
  // Instances sharing a PostgreSQL database poke each other's pages through LISTEN/NOTIFY.
  const pokes =
    target.kind === 'postgres'
      ? createPostgresPokeHub(target.url, { onError: (err) => app.log.warn({ err }, 'PostgreSQL poke hub') })
      : undefined;

  // Pushes are parsed, merged and written in a worker thread, so this event loop stays free for reads.
  const pushes = await startPushWorker(config.databaseUrl, { onCrash: (err) => app.log.error({ err }, 'push worker crashed') });

  const distDir = path.resolve('dist');
  const staticDir = fs.existsSync(path.join(distDir, 'index.html')) ? distDir : undefined;
  // Logs go to stderr: stdout carries only the one "is running" line that scripts wait for.
  const app = await buildApp({
    storage,
    staticDir,
    logger: { level: config.logLevel, stream: process.stderr },
    cookieSecure: config.cookieSecure,
    pokes,
    pushes,
    authThrottle: { signupByAddress: { ...DEFAULT_AUTH_THROTTLE.signupByAddress, limit: config.signupsPerHour } },
    http: { shutdownTimeoutMs: config.shutdownTimeoutMs },
  });
  await pokes?.start();
  if (!staticDir) app.log.warn(`${distDir}/index.html not found: serving the API only (run "npm run build:app")`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1); // a second signal: stop waiting
    closing = true;
    app.log.info(`${signal}: shutting down`);
    // Bounded: connections still open after shutdownTimeoutMs are destroyed (server/http/shutdown.ts).
    await app.close();
    await pokes?.close();
    await storage.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // Exit once closed: nothing left behind (a timer, a socket) may keep a stopped server alive.
      shutdown(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  process.stdout.write(`Outpost is running at ${displayUrl(config.host, port)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Outpost could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
