import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signup, startTestServer, type TestServer } from '../test/helpers';
import { PROTOCOL_VERSION } from '../../src/core/protocol';
import type { HttpHardeningOptions } from './hardening';

/**
 * Clients that hold the server with slow or stalled requests, over real sockets (inject has no
 * timeouts). The limits are shrunk so that each case ends in well under a second.
 */
let server: TestServer | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

async function listen(http: HttpHardeningOptions): Promise<number> {
  server = await startTestServer({ http });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  return (server.app.server.address() as AddressInfo).port;
}

/** A raw connection, with everything the server sends on it and a promise of its end. */
async function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.on('error', () => undefined);
  return { socket, ended, received: () => received };
}

/** The server closes the connection after its answer; the client never half-closes (Node would drop the request). */
const loginHead = (length: number) =>
  `POST /api/auth/login HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;

/** Writes `text` one byte every `everyMs` until the socket closes. */
function dribble(socket: net.Socket, text: string, everyMs: number): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

describe('slow and stalled clients', () => {
  it('a sign-in whose body trickles in is answered 408 and its connection closed at the body deadline', async () => {
    const port = await listen({ unauthenticatedBodies: { deadlineMs: 300 } });
    const body = JSON.stringify({ email: 'ann@example.com', password: 'correct horse battery' });
    const client = await connect(port);
    client.socket.write(loginHead(body.length));
    dribble(client.socket, body, 50);
    const answer = await client.ended;
    expect(statusOf(answer)).toBe(408);
    expect(answer).toContain('"request_timeout"');
  });

  it('headers that never finish are cut off by the headers timeout', async () => {
    const port = await listen({ timeouts: { headersMs: 300, checkEveryMs: 50 } });
    const client = await connect(port);
    dribble(client.socket, 'GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ' + 'a'.repeat(10_000), 20);
    const answer = await client.ended;
    expect(statusOf(answer)).toBe(408);
  });

  it('an authenticated request body that stalls is ended by the request timeout', async () => {
    const port = await listen({ timeouts: { requestMs: 400, checkEveryMs: 50 } });
    const { cookie } = await signup(server!.app);
    const client = await connect(port);
    client.socket.write(`POST /api/sync/push HTTP/1.1\r\nhost: 127.0.0.1\r\noutpost-protocol: ${PROTOCOL_VERSION}\r\ncookie: ${cookie}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`);
    const answer = await client.ended;
    expect(statusOf(answer)).toBe(408);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const port = await listen({ timeouts: { keepAliveMs: 200 } });
    const client = await connect(port);
    client.socket.write('GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    const answer = await client.ended;
    expect(statusOf(answer)).toBe(200);
  });

  it('past the bound on sign-in bodies arriving at once from one address, the next is a 503 with Retry-After; none is lost once they finish', async () => {
    const port = await listen({ unauthenticatedBodies: { inFlightPerAddress: 2, deadlineMs: 60_000 } });
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'correct horse battery' });
    let started = 0;
    server!.app.server.on('request', () => started++);
    const stalled = [await connect(port), await connect(port)];
    for (const client of stalled) client.socket.write(loginHead(body.length) + body.slice(0, 5));
    // Both have reached Fastify, whose hooks count them without waiting on any I/O.
    await expect.poll(() => started).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const third = await connect(port);
    third.socket.write(loginHead(body.length) + body);
    const refused = await third.ended;
    expect(statusOf(refused)).toBe(503);
    expect(refused.toLowerCase()).toContain('retry-after: 1');

    for (const client of stalled) client.socket.write(body.slice(5));
    for (const client of stalled) expect(statusOf(await client.ended)).toBe(401);
    const again = await connect(port);
    again.socket.write(loginHead(body.length) + body);
    expect(statusOf(await again.ended)).toBe(401);
  });

  it('a sign-in body over the small limit is refused 413 before it is read', async () => {
    const port = await listen({ unauthenticatedBodies: { maxBytes: 1024 } });
    const body = JSON.stringify({ email: 'ann@example.com', password: 'x'.repeat(5000) });
    const client = await connect(port);
    client.socket.write(loginHead(body.length) + body);
    expect(statusOf(await client.ended)).toBe(413);
  });
});
