import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionCookieOf } from './test/helpers';
import { PROTOCOL_VERSION } from '../src/core/protocol';

/** The server as `npm start` runs it (from the sources, through tsx), on a SQLite file of its own. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-shutdown-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: { ...process.env, DATABASE_URL: path.join(dir, 'outpost.sqlite'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`the server exited with ${code} before it listened`)));
  });
  return { child, port, exited };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function signUp(port: number): Promise<string> {
  const answer = await fetch(`http://127.0.0.1:${port}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `shutdown-${Date.now()}@example.com`, password: 'correct horse battery', workspaceName: 'Booth' }),
  });
  expect(answer.status).toBe(201);
  return sessionCookieOf(answer.headers.getSetCookie());
}

describe('shutdown', () => {
  it('on SIGTERM, ends event streams, closes a connection that never sent a request, and exits 0', async () => {
    const { child, port, exited } = await startServer({ SHUTDOWN_TIMEOUT_MS: '60000' });
    const cookie = await signUp(port);
    const stream = await fetch(`http://127.0.0.1:${port}/api/sync/events`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const streamEnded = (async () => {
      for await (const chunk of stream.body!) void chunk;
      return true;
    })();
    const silent = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));
    const silentClosed = new Promise((resolve) => silent.once('close', resolve));
    silent.on('error', () => undefined);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await streamEnded).toBe(true);
    await silentClosed;
  });

  it('destroys at the deadline a connection whose request is still arriving, and exits 0', async () => {
    const { child, port, exited } = await startServer({ SHUTDOWN_TIMEOUT_MS: '300' });
    const cookie = await signUp(port);
    const pushing = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => pushing.once('connect', resolve));
    const closed = new Promise((resolve) => pushing.once('close', resolve));
    pushing.on('error', () => undefined);
    // A push whose body stops halfway: a request in progress, which shutdown lets finish until the deadline.
    pushing.write(`POST /api/sync/push HTTP/1.1\r\nhost: 127.0.0.1\r\noutpost-protocol: ${PROTOCOL_VERSION}\r\ncookie: ${cookie}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`);
    await new Promise((resolve) => setTimeout(resolve, 200));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await closed;
  });
});
