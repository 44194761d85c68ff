import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, PROTOCOL_HEADER, PROTOCOL_VERSION, pushResponseSchema } from '../../src/core/protocol';
import { createOp, CURRENT_PROTOCOL, pull, pullWhole, push, signup, startTestServer, updateOp, visitor, type TestServer } from '../test/helpers';

/** The API as a client of the previous protocol uses it, beside current clients. */
let server: TestServer;
afterEach(() => server.close());

const codeOf = (res: { json(): unknown }) => apiErrorBodySchema.parse(res.json()).error.code;
const PREVIOUS = PROTOCOL_VERSION - 1;
/** Protocol 2, which a server still accepting it translates field by field. */
const V2 = 2;
const ADDED_IN_3 = ['consentVersion', 'consentAt', 'capturedBy', 'distinctFrom'];

/** A create as the protocol-2 app sends it: a visitor without the fields of version 3. */
function previousCreate(id: string, name: string) {
  const { consentVersion: _v, consentAt: _at, capturedBy: _by, distinctFrom: _d, ...data } = visitor({ name });
  return { ...createOp(id, visitor({ name })), data };
}

/** A create as the protocol-1 app sent it (no version header): also without `consent`. */
function protocol1Create(id: string, name: string) {
  const { consent: _, ...data } = previousCreate(id, name).data;
  return { ...createOp(id, visitor({ name })), data };
}

describe('protocol versions on the wire', () => {
  it('a client of an older protocol keeps syncing: its ops are read in the current shape, and it is answered in its own', async () => {
    server = await startTestServer({ protocols: { oldest: V2, current: PROTOCOL_VERSION } });
    const { cookie, session } = await signup(server.app);
    const id = randomUUID();
    const old = (url: string, payload?: unknown) =>
      server.app.inject({ method: payload ? 'POST' : 'GET', url, headers: { cookie, [PROTOCOL_HEADER]: String(V2) }, ...(payload ? { payload } : {}) });

    const created = await old('/api/sync/push', { clientId: 'old-tablet', ops: [{ ...previousCreate(id, 'Grace Hopper'), data: { ...previousCreate(id, 'Grace Hopper').data, consent: true } }] });
    expect(created.statusCode).toBe(200);
    expect(created.headers[PROTOCOL_HEADER]).toBe(String(V2));
    expect(pushResponseSchema.parse(created.json()).results[0]).toMatchObject({ status: 'applied' });
    // The server stamps what the old app cannot send: who captured it, and when consent was stored.
    const stored = (await pullWhole(server.app, cookie)).changes[0]!.data;
    expect(stored).toMatchObject({ consent: true, consentVersion: '', capturedBy: session.user.email, distinctFrom: [] });
    expect(stored.consentAt).toEqual(expect.any(String));

    // A current client dismisses a duplicate; the old one never sees the fields, and its edits leave them as they are.
    const other = randomUUID();
    await push(server.app, cookie, [updateOp(id, { distinctFrom: [other] }, { distinctFrom: [] })]);
    // Read raw: the current schema would fill the fields in.
    const oldPull = (await old('/api/sync/pull?since=0')).json() as { changes: { data: object }[] };
    for (const field of ADDED_IN_3) expect(oldPull.changes[0]!.data).not.toHaveProperty(field);
    expect(oldPull.changes[0]!.data).toHaveProperty('consent', true);
    const edited = await old('/api/sync/push', { clientId: 'old-tablet', ops: [updateOp(id, { title: 'Rear Admiral' }, { title: 'Engineer' })] });
    const [result] = (edited.json() as { results: { status: string; record: object }[] }).results;
    expect(result).toMatchObject({ status: 'applied' });
    for (const field of ADDED_IN_3) expect(result!.record).not.toHaveProperty(field);
    const history = await old(`/api/visitors/${id}/history`);
    for (const field of ADDED_IN_3) expect(JSON.stringify(history.json())).not.toContain(field);
    expect((await pullWhole(server.app, cookie)).changes[0]!.data).toMatchObject({ title: 'Rear Admiral', distinctFrom: [other], capturedBy: session.user.email });
  });

  it('a protocol-3 client is given whole records, in push answers and pulled changes; a protocol-4 one compact ones', async () => {
    server = await startTestServer();
    const { cookie } = await signup(server.app);
    const id = randomUUID();
    const speaking = (version: number) => (url: string, payload?: unknown) =>
      server.app.inject({ method: payload ? 'POST' : 'GET', url, headers: { cookie, [PROTOCOL_HEADER]: String(version) }, ...(payload ? { payload } : {}) });
    const v3 = speaking(PREVIOUS);
    const v4 = speaking(PROTOCOL_VERSION);
    const body = (res: { json(): unknown }) => res.json() as { results: Record<string, unknown>[]; changes: Record<string, unknown>[]; cursor: number };

    const created = body(await v3('/api/sync/push', { clientId: 'old', ops: [createOp(id, visitor({ name: 'Ada' }))] }));
    expect(created.results[0]).toMatchObject({ status: 'applied', rev: 1, record: expect.objectContaining({ name: 'Ada' }) });
    const since = created.cursor;
    // A protocol-3 op's baseRev means nothing: the answer stays whole.
    const oldEdit = body(await v3('/api/sync/push', { clientId: 'old', ops: [{ ...updateOp(id, { title: 'CTO' }, { title: 'Engineer' }), baseRev: 1 }] }));
    expect(oldEdit.results[0]).toMatchObject({ status: 'applied', rev: 2, record: expect.objectContaining({ title: 'CTO' }) });
    const edit = body(await v4('/api/sync/push', { clientId: 'new', ops: [{ ...updateOp(id, { rating: 1 }, { rating: 4 }), baseRev: 2 }] }));
    expect(edit.results[0]).toEqual({ opId: expect.any(String), status: 'applied', rev: 3, deleted: false, baseRev: 2, patch: {} });

    const oldPull = body(await v3(`/api/sync/pull?since=${since}&compact=1`));
    expect(oldPull.changes).toEqual([expect.objectContaining({ id, rev: 3, data: expect.objectContaining({ title: 'CTO', rating: 1 }) })]);
    const newPull = body(await v4(`/api/sync/pull?since=${since}&compact=1`));
    expect(newPull.changes).toEqual([expect.objectContaining({ id, rev: 3, baseRev: 1, patch: { title: 'CTO', rating: 1 } })]);
    expect(newPull.changes[0]).not.toHaveProperty('data');
  });

  it('a protocol-1 client (no version header) is now older than the server accepts', async () => {
    server = await startTestServer();
    const { cookie } = await signup(server.app);
    const answer = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { cookie }, payload: { clientId: 'old', ops: [protocol1Create(randomUUID(), 'Old')] } });
    expect([answer.statusCode, codeOf(answer)]).toEqual([426, 'upgrade_required']);
  });

  it('a client older than the server accepts gets 426 upgrade_required, and nothing of its push is applied', async () => {
    server = await startTestServer({ protocols: { oldest: PROTOCOL_VERSION, current: PROTOCOL_VERSION } });
    const { cookie } = await signup(server.app);
    const answer = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { cookie, [PROTOCOL_HEADER]: String(PREVIOUS) },
      payload: { clientId: 'old-tablet', ops: [previousCreate(randomUUID(), 'Too Old')] },
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
