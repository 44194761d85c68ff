import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the production server bundle (dist-server/main.js) on a fresh SQLite file, or on
 * `databaseUrl` (a PostgreSQL database that several instances share). It serves `appDir`/dist
 * (default: this checkout's build).
 */
export async function startServer({ databaseUrl, appDir }: { databaseUrl?: string; appDir?: string } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-server-'));
  const child: ChildProcess = spawn(process.execPath, [resolve('dist-server/main.js')], {
    ...(appDir ? { cwd: appDir } : {}),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl ?? join(dir, 'outpost.sqlite'),
      LOG_LEVEL: process.env.OUTPOST_TEST_LOG_LEVEL ?? 'warn',
      // Every test signs people up from this one address (the proxies' 127.0.0.1).
      SIGNUPS_PER_HOUR: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('The server did not start within 20 s')), 20_000);
    lines.on('line', (line) => {
      if (process.env.OUTPOST_TEST_LOG_LEVEL) console.log(line);
      const match = /running at (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => reject(new Error(`The server exited early with code ${code}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
