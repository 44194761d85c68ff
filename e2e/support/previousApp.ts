import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The last commit whose app speaks protocol 3 (whole records in every push answer and pulled
 * change, no `baseRev` on its ops): the version booth tablets in the field still run when the
 * protocol-4 server is deployed.
 */
export const PREVIOUS_APP_COMMIT = '8e997dd693a858710dc8d63575f4f14c0b162b57';

/**
 * That commit's app, built from this repository's history as its own `npm run build:app` did
 * (with today's node_modules: the app's dependencies are the same). Built once per machine.
 * Returns the directory to serve.
 */
export function buildPreviousApp(commit = PREVIOUS_APP_COMMIT): string {
  const root = join(tmpdir(), `outpost-app-${commit.slice(0, 12)}`);
  const dist = join(root, 'dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: resolve('.'), maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return dist;
}
