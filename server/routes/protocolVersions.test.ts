import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, PROTOCOL_HEADER, PROTOCOL_VERSION, pushResponseSchema } from '../../src/core/protocol';
import { createOp, CURRENT_PROTOCOL, pull, push, signup, startTestServer, updateOp, visitor, type TestServer } from '../test/helpers';

/** The API as a client of protocol 1 (the app before the version header) uses it, beside current clients. */
let server: TestServer;
afterEach(() => server.close());

const codeOf = (res: { json(): unknown }) => apiErrorBodySchema.parse(res.json()).error.code;

/** A create as the protocol-1 app sends it: a visitor without `consent`. */
function protocol1Create(id: string, name: string) {
  const { consent: _, ...data } = visitor({ name });
  return { ...createOp(id, visitor({ name })), data };
}

describe('protocol versions on the wire', () => {
  it('a protocol-1 client keeps syncing: its ops are read in the current shape, and it is answered in its own', async () => {
    server = await startTestServer();
    const { cookie } = await signup(server.app);
    const id = randomUUID();
    const old = (url: string, payload?: unknown) =>
      server.app.inject({ method: payload ? 'POST' : 'GET', url, headers: { cookie }, ...(payload ? { payload } : {}) });

    const created = await old('/api/sync/push', { clientId: 'old-tablet', ops: [protocol1Create(id, 'Grace Hopper')] });
    expect(created.statusCode).toBe(200);
    expect(created.headers[PROTOCOL_HEADER]).toBe('1');
    expect(pushResponseSchema.parse(created.json()).results[0]).toMatchObject({ status: 'applied' });
    expect((await pull(server.app, cookie)).changes[0]!.data.consent).toBe(false);

    // A current client records consent; the old one never sees the field, and its edits leave it as it is.
    await push(server.app, cookie, [updateOp(id, { consent: true }, { consent: false })]);
    // Read raw: the current schema would fill the field in.
    const oldPull = (await old('/api/sync/pull?since=0')).json() as { changes: { data: object }[] };
    expect(oldPull.changes[0]!.data).not.toHaveProperty('consent');
    const edited = await old('/api/sync/push', { clientId: 'old-tablet', ops: [updateOp(id, { title: 'Rear Admiral' }, { title: 'Engineer' })] });
    const [result] = (edited.json() as { results: { status: string; record: object }[] }).results;
    expect(result).toMatchObject({ status: 'applied' });
    expect(result!.record).not.toHaveProperty('consent');
    const history = await old(`/api/visitors/${id}/history`);
    expect(JSON.stringify(history.json())).not.toContain('consent');
    expect((await pull(server.app, cookie)).changes[0]!.data).toMatchObject({ title: 'Rear Admiral', consent: true });
  });

  it('a client older than the server accepts gets 426 upgrade_required, and nothing of its push is applied', async () => {
    server = await startTestServer({ protocols: { oldest: PROTOCOL_VERSION, current: PROTOCOL_VERSION } });
    const { cookie } = await signup(server.app);
    const answer = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { cookie },
      payload: { clientId: 'old-tablet', ops: [protocol1Create(randomUUID(), 'Too Old')] },
    });
    expect(answer.statusCode).toBe(426);
    expect(codeOf(answer)).toBe('upgrade_required');
    expect(answer.headers[PROTOCOL_HEADER]).toBe(String(PROTOCOL_VERSION));
    expect((await pull(server.app, cookie)).changes).toEqual([]);
    const oldPull = await server.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie } });
    expect(oldPull.statusCode).toBe(426);
  });

  it('a client newer than the server (mid-deploy) is told to try again later; a malformed version is a 400', async () => {
    server = await startTestServer();
    const { cookie } = await signup(server.app);
    const ahead = await server.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION + 1) } });
    expect(ahead.statusCode).toBe(503);
    expect(codeOf(ahead)).toBe('server_outdated');
    expect(ahead.headers['retry-after']).toBe('60');
    const garbage = await server.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie, [PROTOCOL_HEADER]: 'latest' } });
    expect(garbage.statusCode).toBe(400);
    const current = await server.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie, ...CURRENT_PROTOCOL } });
    expect(current.headers[PROTOCOL_HEADER]).toBe(String(PROTOCOL_VERSION));
  });
});
