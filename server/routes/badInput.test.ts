import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../src/core/protocol';
import { CURRENT_PROTOCOL, createOp, pull, push, serverWithOnePerson, signup, updateOp, visitor, type SignedIn, type TestServer } from '../test/helpers';

/*
 * Strings the wire must not pass on to storage (PostgreSQL refuses NUL in text) or to people
 * (control and text-direction characters): each is a 4xx, or for one op a rejection of that op
 * alone, and never a 5xx — on SQLite and, through `npm run test:server:postgres`, on PostgreSQL.
 */

let server: TestServer, ann: SignedIn;
beforeAll(async () => ({ server, ann } = await serverWithOnePerson()));
afterAll(() => server.close());

const get = (url: string, cookie = ann.cookie) => server.app.inject({ method: 'GET', url, headers: { ...CURRENT_PROTOCOL, cookie } });
const rawPush = (payload: string | Buffer, cookie = ann.cookie) =>
  server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...CURRENT_PROTOCOL, cookie, 'content-type': 'application/json' }, payload });

describe('push: strings on the wire', () => {
  it('rejects an op whose collection is not one alone, NUL and all, and applies the ops beside it', async () => {
    const { cookie } = await signup(server.app);
    const [a, b] = [randomUUID(), randomUUID()];
    const { results } = await push(server.app, cookie, [
      createOp(a, visitor()),
      { ...createOp(randomUUID(), visitor()), collection: 'visitors\u0000' },
      { ...updateOp(randomUUID(), { rating: 1 }, { rating: 4 }), collection: 'people' },
      createOp(b, visitor()),
    ]);
    expect(results.map((r) => [r.status, r.error?.code, r.error?.field])).toEqual([
      ['applied', undefined, undefined],
      ['rejected', 'invalid', 'collection'],
      ['rejected', 'invalid', 'collection'],
      ['applied', undefined, undefined],
    ]);
    expect((await pull(server.app, cookie)).changes.map((c) => c.id)).toEqual([a, b]);
  });

  it('answers 400 for a clientId with a control character', async () => {
    const res = await rawPush(JSON.stringify({ clientId: 'tab\u0000', ops: [createOp(randomUUID(), visitor())] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^clientId: /);
  });

  it('answers 400 for a body that is not valid UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('{"clientId":"x","ops":[],"note":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await rawPush(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'bad_request', message: 'The request body is not valid UTF-8' });
  });
});

describe('visitor fields', () => {
  it('refuses control characters (tab and newline only in notes), text-direction controls and broken characters, naming the field', async () => {
    const { cookie } = await signup(server.app);
    const cases: [Partial<Parameters<typeof visitor>[0]>, string | null][] = [
      [{ notes: 'line one\n\tline two' }, null],
      [{ name: 'Ada\u0000Lovelace' }, 'name'],
      [{ company: 'Acme\tInc' }, 'company'],
      [{ title: 'CTO\u0085' }, 'title'],
      [{ notes: 'bell \u0007' }, 'notes'],
      [{ notes: 'carriage\r\nreturn' }, 'notes'],
      [{ name: 'evil\u202etxt.exe' }, 'name'],
      [{ notes: 'isolate \u2066x\u2069' }, 'notes'],
      [{ interests: ['ai', 'ml\u0000'] }, 'interests'],
      [{ phone: '+44\n20' }, 'phone'],
      [{ name: 'half \ud800 a pair' }, 'name'],
    ];
    const { results } = await push(server.app, cookie, cases.map(([fields]) => createOp(randomUUID(), visitor(fields))));
    expect(results.map((r) => r.error?.field ?? null)).toEqual(cases.map(([, field]) => field));
    expect(results[1]?.error).toEqual({ code: 'invalid', message: 'Name cannot contain control characters or line breaks', field: 'name' });
    expect(results[6]?.error?.message).toBe('Name cannot contain text-direction control characters');
  });

  it('still takes an edit whose base holds such characters, from before the rule', async () => {
    const { cookie } = await signup(server.app);
    const id = randomUUID();
    await push(server.app, cookie, [createOp(id, visitor())]);
    const { results } = await push(server.app, cookie, [updateOp(id, { rating: 1 }, { rating: 4, notes: 'old\r\nnotes' })]);
    expect(results[0]?.status).toBe('applied');
  });
});

describe('query strings and path ids', () => {
  it('answers 400 to a pull whose since or limit is not a plain whole number in range', async () => {
    for (const query of ['since=%00', 'since=-1', 'since=1e3', 'since=0x10', 'since=%201', 'since=99999999999999999999', 'since=1&since=2', 'limit=0', 'limit=5001', 'limit=abc']) {
      const res = await get(`/api/sync/pull?${query}`);
      expect([query, res.statusCode, res.json().error?.code]).toEqual([query, 400, 'bad_request']);
    }
    expect((await get('/api/sync/pull?since=9007199254740991&limit=5000')).statusCode).toBe(200);
  });

  it('answers 400 to a history id that is not a UUID, or a bad page, and 404 to an unknown one', async () => {
    for (const url of ['/api/visitors/x%00y/history', '/api/visitors/not-a-uuid/history', `/api/visitors/${randomUUID()}/history?before=0`, `/api/visitors/${randomUUID()}/history?limit=%00`]) {
      const res = await get(url);
      expect([url, res.statusCode, res.json().error?.code]).toEqual([url, 400, 'bad_request']);
    }
    expect((await get(`/api/visitors/${randomUUID()}/history`)).statusCode).toBe(404);
  });

  it('answers an invite code with NUL in it as an invalid invite, not a server error', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: `nul-${randomUUID()}@example.com`, password: 'correct horse battery', inviteCode: 'ABCD\u0000EFGH' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('answers 400 to a sign-in body that is not valid UTF-8', async () => {
    const payload = Buffer.concat([Buffer.from('{"email":"a@example.com","password":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });
});

// Keep the shared schema in the loop: a push answer with a rejected op still parses.
it('answers pushes with bad ops in the shared response shape', async () => {
  const res = await rawPush(JSON.stringify({ clientId: 'c', ops: [{ ...createOp(randomUUID(), visitor()), collection: '\u0000' }] }));
  expect(res.statusCode).toBe(200);
  expect(pushResponseSchema.parse(res.json()).results[0]?.status).toBe('rejected');
});
