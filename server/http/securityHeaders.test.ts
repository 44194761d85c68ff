import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signup, startTestServer, type TestServer } from '../test/helpers';

let server: TestServer;
let distDir: string;
let cookie: string;

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-dist-'));
  fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Outpost</title>');
  fs.writeFileSync(path.join(distDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.mkdirSync(path.join(distDir, 'ocr', 'tesseract.js-7.0.0'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'ocr', 'tesseract.js-7.0.0', 'worker.min.js'), '/* reader */');
  server = await startTestServer({ staticDir: distDir });
  ({ cookie } = await signup(server.app));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

/** The CSP's directives by name. */
function cspOf(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectSecurityHeaders(res: LightMyRequestResponse): void {
  const csp = cspOf(res);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
}

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });

describe('security headers', () => {
  it('are on the page, an app route, the service worker script and the card reader’s worker', async () => {
    for (const url of ['/', '/visitors/123', '/sw.js', '/ocr/tesseract.js-7.0.0/worker.min.js']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res);
    }
  });

  it('are on API answers, successes and errors alike, and a 404', async () => {
    const answers = [
      await get('/api/health'),
      await get('/api/auth/me', { cookie }),
      await get('/api/auth/me'),
      await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'sec-fetch-site': 'cross-site' } }),
      await get('/api/nope'),
      await get('/assets/missing.js'),
    ];
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 401, 403, 404, 404]);
    for (const res of answers) expectSecurityHeaders(res);
  });

  it('let scripts come only from the app’s origin, with WebAssembly but no eval and no inline script', async () => {
    const csp = cspOf(await get('/'));
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });
});
