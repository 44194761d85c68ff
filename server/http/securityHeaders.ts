import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The page's Content-Security-Policy. Everything Outpost runs comes from its own origin, with no
 * inline script or style: the page and its chunks, the service worker, the card reader's worker
 * and cores under /ocr/ (started from their URL, `workerBlobURL: false`) and the barcode
 * decoder's wasm. WebAssembly compilation needs 'wasm-unsafe-eval' (never 'unsafe-eval').
 * Photos are shown from blob: and data: URLs; the camera is a MediaStream, which needs no source.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Security headers on every answer — the page, the service worker script, the assets and the
 * API (@fastify/helmet): the CSP above, `nosniff`, no framing (CSP and X-Frame-Options DENY) and
 * no referrer. Not set here: `upgrade-insecure-requests` (it would break a plain-HTTP server on
 * a booth's own network) and HSTS, which belongs to whatever terminates TLS in front of Outpost.
 * An event stream writes its own head (it is hijacked) and carries none of them; it is no page.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}
