import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, hashSessionToken, newSessionToken } from '../auth/sessionToken';
import { createOp, invite, push, sessionCookieOf, signup, startTestServer, visitor, type TestServer } from '../test/helpers';

/** Reads `event: poke` cursors from a live SSE response, in order. */
function pokeReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextPoke = async (): Promise<number> => {
    for (;;) {
      const match = /event: poke\ndata: (.*)\n\n/.exec(buffer);
      if (match) {
        buffer = buffer.slice(match.index + match[0].length);
        return (JSON.parse(match[1]!) as { cursor: number }).cursor;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { nextPoke, close: () => reader.cancel() };
}

describe('GET /api/sync/events', () => {
  let server: TestServer;
  let base: string;
  beforeEach(async () => {
    server = await startTestServer();
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => server.close());

  it('pokes every open page of the workspace with the new cursor, and only that workspace', async () => {
    const alice = await signup(server.app);
    const bob = await signup(server.app, { inviteCode: await invite(server.app, alice.cookie) });
    const eve = await signup(server.app, { workspaceName: 'Elsewhere' });

    const aliceStream = await fetch(`${base}/api/sync/events`, { headers: { cookie: alice.cookie } });
    expect(aliceStream.headers.get('content-type')).toContain('text/event-stream');
    const alicePokes = pokeReader(aliceStream.body!);

    const first = await push(server.app, bob.cookie, [createOp(randomUUID(), visitor({ name: 'From Bob' }))]);
    expect(await alicePokes.nextPoke()).toBe(first.cursor);

    await push(server.app, eve.cookie, [createOp(randomUUID(), visitor({ name: 'Other workspace' }))]);
    const second = await push(server.app, bob.cookie, [createOp(randomUUID(), visitor({ name: 'Again' }))]);
    // Eve's change in another workspace did not reach Alice: her next poke is Bob's second push.
    expect(await alicePokes.nextPoke()).toBe(second.cursor);
    await alicePokes.close();
  });

  it('does not keep the server from shutting down while a page listens', async () => {
    const alice = await signup(server.app);
    const stream = await fetch(`${base}/api/sync/events`, { headers: { cookie: alice.cookie } });
    expect(stream.status).toBe(200);
    await server.app.close(); // would hang on the open stream (graceful shutdown regression)
    const rest = await new Response(stream.body).text();
    expect(rest).toContain(': connected');
  });

  it('ends the streams of a session that signs out, and only those', async () => {
    const alice = await signup(server.app, { password: 'alice password' });
    const bob = await signup(server.app, { inviteCode: await invite(server.app, alice.cookie) });
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: alice.session.user.email, password: 'alice password' },
    });
    const laptop = sessionCookieOf(login.headers['set-cookie']);
    const laptopPokes = pokeReader((await fetch(`${base}/api/sync/events`, { headers: { cookie: laptop } })).body!);
    const phonePokes = pokeReader((await fetch(`${base}/api/sync/events`, { headers: { cookie: alice.cookie } })).body!);
    const first = await push(server.app, bob.cookie, [createOp(randomUUID(), visitor({ name: 'Before' }))]);
    expect(await laptopPokes.nextPoke()).toBe(first.cursor);
    expect(await phonePokes.nextPoke()).toBe(first.cursor);

    const out = await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: laptop } });
    expect(out.statusCode).toBe(200);
    await expect(laptopPokes.nextPoke()).rejects.toThrow('stream ended');
    const second = await push(server.app, bob.cookie, [createOp(randomUUID(), visitor({ name: 'After' }))]);
    expect(await phonePokes.nextPoke()).toBe(second.cursor);
    await phonePokes.close();
  });

  it('ends a stream when its session expires', async () => {
    const alice = await signup(server.app);
    const token = newSessionToken();
    const soon = new Date(Date.now() + 300).toISOString();
    const { user, workspace } = alice.session;
    await server.storage.createSession({ tokenHash: hashSessionToken(token), userId: user.id, workspaceId: workspace.id, expiresAt: soon }, new Date().toISOString());
    const stream = await fetch(`${base}/api/sync/events`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(stream.status).toBe(200);
    expect(await new Response(stream.body).text()).toContain(': connected'); // read to its end
  });

  it('ends a stream at the next poke once its session is gone, signed out through another instance', async () => {
    const alice = await signup(server.app);
    const bob = await signup(server.app, { inviteCode: await invite(server.app, alice.cookie) });
    const stream = await fetch(`${base}/api/sync/events`, { headers: { cookie: alice.cookie } });
    const pokes = pokeReader(stream.body!);
    await server.storage.deleteSession(hashSessionToken(alice.cookie.split('=')[1]!));
    await push(server.app, bob.cookie, [createOp(randomUUID(), visitor({ name: 'Not for Alice' }))]);
    await expect(pokes.nextPoke()).rejects.toThrow('stream ended');
  });

  it('refuses a caller without a session', async () => {
    const res = await fetch(`${base}/api/sync/events`);
    expect(res.status).toBe(401);
  });
});
