import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';
import { brotliQuality, isCompressible, worthKeeping } from './compressible';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Writes `x.br` and `x.gz` beside `x` when they are worth keeping; returns how many were written. */
async function compressFile(path: string): Promise<number> {
  const original = await readFile(path);
  const [br, gz] = await Promise.all([
    brotli(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: brotliQuality(original.length),
        [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
    gzipAsync(original, { level: 9 }),
  ]);
  let written = 0;
  for (const [copy, suffix] of [[br, '.br'], [gz, '.gz']] as const) {
    if (!worthKeeping(original.length, copy.length)) continue;
    await writeFile(path + suffix, copy);
    written++;
  }
  return written;
}

/**
 * Compresses every static asset of the build once, Brotli and gzip, beside the file: the server
 * sends them by the request's Accept-Encoding (`preCompressed`, server/http/static.ts) and never
 * compresses per request. Runs after the service worker is written (vite-plugin-pwa's
 * closeBundle), so sw.js is compressed too; the precache globs list no `.br`/`.gz` file.
 */
export function compressAssets(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'outpost:compress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const outDir = config.build.outDir;
        const jobs: Promise<number>[] = [];
        for await (const path of filesUnder(outDir)) {
          if (isCompressible(relative(outDir, path), (await stat(path)).size)) jobs.push(compressFile(path));
        }
        const written = (await Promise.all(jobs)).reduce((sum, n) => sum + n, 0);
        config.logger.info(`outpost:compress: ${written} .br/.gz copies of ${jobs.length} files under ${outDir}/`);
      },
    },
  };
}
