import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOp, invite, push, signup, startTestServer, visitor, type TestServer } from '../test/helpers';

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

  it('refuses a caller without a session', async () => {
    const res = await fetch(`${base}/api/sync/events`);
    expect(res.status).toBe(401);
  });
});
