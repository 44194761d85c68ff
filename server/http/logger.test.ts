import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, signup, startTestServer, type TestServer } from '../test/helpers';
import { redactUrl } from './logger';

let server: TestServer;
let distDir: string;
const lines: string[] = [];

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-dist-'));
  fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Outpost</title>');
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  server = await startTestServer({ staticDir: distDir, logger: { level: 'info', stream } });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

/** The URLs the request log recorded since `from`. */
const loggedUrls = (from: number) =>
  lines
    .slice(from)
    .map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url)
    .filter((url): url is string => url !== undefined);

describe('the request log', () => {
  it('never holds an invite code from an invite link, nor from revoking one', async () => {
    const { cookie } = await signup(server.app);
    const code = await invite(server.app, cookie);
    const from = lines.length;

    const page = await server.app.inject({ method: 'GET', url: `/?invite=${code}&lang=en` });
    expect(page.statusCode).toBe(200);
    const revoked = await server.app.inject({ method: 'DELETE', url: `/api/workspace/invites/${code}`, headers: { cookie } });
    expect(revoked.statusCode).toBe(204);

    const urls = loggedUrls(from);
    expect(urls).toContain('/?invite=[redacted]&lang=en');
    expect(urls).toContain('/api/workspace/invites/[redacted]');
    expect(lines.slice(from).join('\n')).not.toContain(code);
  });

  it('redacts secret query values under any spelling, and leaves the rest as it was', () => {
    expect(redactUrl('/?invite=ABCDE-FGHJK')).toBe('/?invite=[redacted]');
    expect(redactUrl('/join?Invite=abc&x=1&inviteCode=def&token')).toBe('/join?Invite=[redacted]&x=1&inviteCode=[redacted]&token=[redacted]');
    expect(redactUrl('/api/sync/pull?since=3&limit=10')).toBe('/api/sync/pull?since=3&limit=10');
    expect(redactUrl('/api/workspace/invites')).toBe('/api/workspace/invites');
    expect(redactUrl('/api/workspace/invites/ABCDE?x=1')).toBe('/api/workspace/invites/[redacted]?x=1');
    expect(redactUrl('/?%69nvite=abc')).toBe('/?%69nvite=[redacted]');
  });
});
