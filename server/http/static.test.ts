import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/helpers';

// A built app in miniature, with the copies build/compress.ts writes beside its files.
const SCRIPT = `export const greeting = ${JSON.stringify('hello from the main chunk '.repeat(200))};\n`;
const SHELL = `<!doctype html><title>Outpost</title><script type="module" src="/assets/index-abc.js"></script>${' '.repeat(600)}`;

let server: TestServer;
let distDir: string;

function writeWithCopies(relative: string, content: string): void {
  const file = path.join(distDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content));
}

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-dist-'));
  writeWithCopies('index.html', SHELL);
  writeWithCopies('assets/index-abc.js', SCRIPT);
  fs.writeFileSync(path.join(distDir, 'assets', 'tiny-abc.js'), 'export {};');
  server = await startTestServer({ staticDir: distDir });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  server.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the built app, compressed once at build time', () => {
  it('sends the Brotli copy of the main script to a browser that accepts br, and it decodes to the file', async () => {
    const res = await get('/assets/index-abc.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['content-type']).toBe((await get('/assets/index-abc.js')).headers['content-type']);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(Number(res.headers['content-length'])).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy where br is not accepted, and the file itself where nothing is', async () => {
    const gzipped = await get('/assets/index-abc.js', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/index-abc.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends a file without copies as it is', async () => {
    const res = await get('/assets/tiny-abc.js', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export {};');
  });

  it('compresses the app shell too, at / and at a client route, revalidated on every load', async () => {
    for (const url of ['/', '/visitors/123']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(SHELL);
    }
  });
});
