import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Hashed build output (`assets/`) and the card reader's files (`ocr/`, under versioned folder
 * names) can be cached for ever; everything else — index.html, sw.js, the manifest — is
 * revalidated so a new deploy is seen. Paths are relative to the root.
 */
export function cacheControlFor(relativePath: string): string {
  const first = relativePath.split(/[\\/]/)[0];
  return first === 'assets' || first === 'ocr' ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built app from `root`. Its files come with Brotli and gzip copies made once by the
 * build (`x.js.br`, `x.js.gz`, build/compress.ts): `preCompressed` sends the one the request's
 * Accept-Encoding prefers, with the original's content-type, and the file itself to a client
 * that accepts neither (or for a file without copies); nothing is compressed per request.
 */
export async function registerStatic(app: FastifyInstance, root: string): Promise<void> {
  const absoluteRoot = path.resolve(root);
  await app.register(fastifyStatic, {
    root: absoluteRoot,
    cacheControl: false,
    preCompressed: true,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlFor(path.relative(absoluteRoot, filePath)));
      // The answer depends on Accept-Encoding for every file that may have a copy; a cache in
      // between must not hand a Brotli body to a client that did not ask for one.
      res.setHeader('vary', 'accept-encoding');
    },
  });
}

/** A client-side route (a navigation), as opposed to a missing file such as `/assets/x.js`. */
export function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?')[0] ?? '';
  if (isApiPath(pathname)) return false;
  const last = pathname.split('/').pop() ?? '';
  return !last.includes('.');
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** The SPA fallback: the app shell for any route the client router owns. */
export function sendAppShell(reply: FastifyReply): FastifyReply {
  return reply.sendFile('index.html');
}
