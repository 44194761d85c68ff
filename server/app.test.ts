import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema } from '../src/core/protocol';
import { signup, startTestServer, type TestServer } from './test/helpers';

let server: TestServer;
let distDir: string;

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-dist-'));
  fs.mkdirSync(path.join(distDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Outpost</title>');
  fs.writeFileSync(path.join(distDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(distDir, 'assets', 'index-abc123.js'), 'console.log("app")');
  fs.mkdirSync(path.join(distDir, 'ocr', 'tesseract.js-7.0.0'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'ocr', 'tesseract.js-7.0.0', 'worker.min.js'), '/* reader */');
  server = await startTestServer({ staticDir: distDir });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });
/** A login request with the body exactly as given. */
const postLogin = (payload: string, contentType = 'application/json') =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': contentType }, payload });

describe('API basics', () => {
  it('answers health with no-store', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown API route with a JSON 404, not the app shell', async () => {
    for (const res of [await get('/api/nope'), await server.app.inject({ method: 'POST', url: '/api/sync/nope', payload: {} })]) {
      expect(res.statusCode).toBe(404);
      expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('not_found');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('marks error answers no-store too', async () => {
    const res = await get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers malformed JSON with 400 bad_request on any route', async () => {
    const res = await postLogin('{"email": ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_request', message: 'The request body is not valid JSON' } });
  });

  it('refuses a prototype-poisoning body without a 500', async () => {
    const res = await postLogin('{"__proto__": {"admin": true}, "email": "a@b.co", "password": "x"}');
    expect(res.statusCode).toBe(400);
    expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('bad_request');
  });

  it('parses JSON sent with a charset parameter', async () => {
    const res = await postLogin(JSON.stringify({ email: 'nobody@example.com', password: 'whatever1' }), 'application/json; charset=utf-8');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('accepts a bodiless JSON POST', async () => {
    const { cookie } = await signup(server.app);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/workspace/invites',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('serving the built app', () => {
  it('serves index.html and sw.js revalidated, hashed assets and the versioned reader files cached for good', async () => {
    const index = await get('/');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Outpost</title>');
    expect(index.headers['cache-control']).toBe('no-cache');

    const sw = await get('/sw.js');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');

    const asset = await get('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const reader = await get('/ocr/tesseract.js-7.0.0/worker.min.js');
    expect(reader.statusCode).toBe(200);
    expect(reader.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the app shell for client routes, and 404 for missing files', async () => {
    const route = await get('/visitors/123', { accept: 'text/html' });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>Outpost</title>');
    expect(route.headers['cache-control']).toBe('no-cache');

    const missing = await get('/assets/gone-999.js');
    expect(missing.statusCode).toBe(404);
  });
});

describe('logging', () => {
  it('keeps passwords and session tokens out of the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await startTestServer({ logger: { level: 'trace', stream } });
    try {
      const password = 'hunter2-very-secret';
      const { cookie } = await signup(logged.app, { password });
      await logged.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@example.com', password } });
      await logged.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie, authorization: 'Bearer abc-secret-token' } });
      const log = lines.join('');
      expect(log).toContain('/api/auth/me');
      expect(log).not.toContain(password);
      expect(log).not.toContain(cookie.split('=')[1]);
      expect(log).not.toContain('abc-secret-token');
    } finally {
      await logged.close();
    }
  });
});
