import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, inviteListResponseSchema } from '../../src/core/protocol';
import { DAY, invite, signup, startTestServer, uniqueEmail, type TestServer } from '../test/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const join = (inviteCode: string) =>
  server.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email: uniqueEmail('joiner'), password: 'long enough pw', inviteCode } });
const list = (cookie: string) => server.app.inject({ method: 'GET', url: '/api/workspace/invites', headers: { cookie } });
const revoke = (cookie: string, code: string) =>
  server.app.inject({ method: 'DELETE', url: `/api/workspace/invites/${encodeURIComponent(code)}`, headers: { cookie } });

describe('invites', () => {
  it('admit one person each: a person inviting two creates two', async () => {
    const owner = await signup(server.app);
    const [first, second] = [await invite(server.app, owner.cookie), await invite(server.app, owner.cookie)];
    expect(first).not.toBe(second);
    expect((await join(first)).statusCode).toBe(201);
    const again = await join(first);
    expect(again.statusCode).toBe(400);
    expect(apiErrorBodySchema.parse(again.json()).error.code).toBe('invalid_invite');
    expect((await join(second)).statusCode).toBe(201);
  });

  it('lists the open invites of the caller’s workspace, newest first, with who created them', async () => {
    const owner = await signup(server.app);
    const teammate = await signup(server.app, { inviteCode: await invite(server.app, owner.cookie) });
    const older = await invite(server.app, owner.cookie);
    server.clock.offsetMs = 1000;
    const newer = await invite(server.app, teammate.cookie);
    await invite(server.app, (await signup(server.app, { workspaceName: 'Elsewhere' })).cookie);

    const res = await list(owner.cookie);
    expect(res.statusCode).toBe(200);
    const { invites } = inviteListResponseSchema.parse(res.json());
    expect(invites.map(({ code, createdBy }) => ({ code, createdBy }))).toEqual([
      { code: newer, createdBy: teammate.session.user.email },
      { code: older, createdBy: owner.session.user.email },
    ]);
    expect(Date.parse(invites[0]!.expiresAt) - Date.parse(invites[0]!.createdAt)).toBe(7 * DAY);

    server.clock.offsetMs = 7 * DAY + 1000;
    try {
      expect(inviteListResponseSchema.parse((await list(owner.cookie)).json()).invites).toEqual([]);
    } finally {
      server.clock.offsetMs = 0;
    }
  });

  it('revokes an open invite, typed loosely: 204, and then it admits nobody', async () => {
    const owner = await signup(server.app);
    const code = await invite(server.app, owner.cookie);
    const kept = await invite(server.app, owner.cookie);
    const res = await revoke(owner.cookie, `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await join(code)).statusCode).toBe(400);
    expect(inviteListResponseSchema.parse((await list(owner.cookie)).json()).invites.map((i) => i.code)).toEqual([kept]);
    expect((await revoke(owner.cookie, code)).statusCode).toBe(404);
  });

  it('answers 404 for another workspace’s code, a used one and one that is no code at all', async () => {
    const owner = await signup(server.app);
    const other = await signup(server.app, { workspaceName: 'Other' });
    const theirs = await invite(server.app, other.cookie);
    const used = await invite(server.app, owner.cookie);
    await join(used);
    for (const code of [theirs, used, 'ZZZZZZZZZZ', 'not\u0000a code', 'x'.repeat(64)]) {
      const res = await revoke(owner.cookie, code);
      expect(res.statusCode).toBe(404);
      expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('not_found');
    }
    expect((await join(theirs)).statusCode).toBe(201);
  });

  it('needs a session to list or revoke', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/workspace/invites' })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'DELETE', url: '/api/workspace/invites/ABCDEFGHJK' })).statusCode).toBe(401);
  });
});
