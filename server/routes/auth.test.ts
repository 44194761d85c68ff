import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, inviteResponseSchema, sessionSchema } from '../../src/core/protocol';
import { CURRENT_PROTOCOL, DAY, invite, sessionCookieOf, signup, startTestServer, uniqueEmail, type TestServer } from '../test/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const me = (cookie?: string) =>
  server.app.inject({ method: 'GET', url: '/api/auth/me', headers: cookie ? { cookie } : {} });
const login = (email: string, password: string) =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
const postSignup = (payload: Record<string, string>) => server.app.inject({ method: 'POST', url: '/api/auth/signup', payload });

describe('signup', () => {
  it('signs up into a new workspace with an HttpOnly session cookie', async () => {
    const email = uniqueEmail();
    const res = await postSignup({ email: `  ${email.toUpperCase()} `, password: 'long enough pw', workspaceName: 'Expo 2025' });
    expect(res.statusCode).toBe(201);
    const body = sessionSchema.parse(res.json());
    expect(body.user.email).toBe(email);
    expect(body.workspace.name).toBe('Expo 2025');
    const cookie = [res.headers['set-cookie']].flat().join('\n');
    expect(cookie).toMatch(/^outpost_session=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');

    const who = await me(sessionCookieOf(res.headers['set-cookie']));
    expect(who.statusCode).toBe(200);
    expect(who.json()).toEqual(body);
  });

  it('refuses a second account with the same email', async () => {
    const email = uniqueEmail();
    await signup(server.app, { email });
    const res = await postSignup({ email, password: 'another password', workspaceName: 'Other' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_taken');
  });

  it('answers 422 with the fields at fault', async () => {
    const res = await postSignup({ email: 'not-an-email', password: 'short', workspaceName: 'W' });
    expect(res.statusCode).toBe(422);
    const { error } = apiErrorBodySchema.parse(res.json());
    expect(error.code).toBe('invalid');
    expect(error.fields).toEqual({ email: 'Enter a valid email address', password: 'Password must be at least 8 characters' });
  });

  it('refuses a password on the common-password list, whatever its case, with a 422 that names the field', async () => {
    for (const password of ['password1', 'PASSWORD1', 'ILoveYou', 'baseball']) {
      const res = await postSignup({ email: uniqueEmail(), password, workspaceName: 'W' });
      expect(res.statusCode).toBe(422);
      expect(apiErrorBodySchema.parse(res.json()).error).toEqual({
        code: 'invalid',
        message: 'This password is too common — choose another',
        fields: { password: 'This password is too common — choose another' },
      });
    }
  });

  it('refuses a workspace name with control characters, with a 422 that names the field', async () => {
    const res = await postSignup({ email: uniqueEmail(), password: 'long enough pw', workspaceName: 'Booth\u0000 team' });
    expect(res.statusCode).toBe(422);
    expect(apiErrorBodySchema.parse(res.json()).error.fields).toEqual({ workspaceName: 'Workspace name cannot contain control characters' });
  });
});

describe('login, logout, me', () => {
  it('answers 401 unauthenticated without a session, and for an unknown token', async () => {
    for (const res of [await me(), await me('outpost_session=made-up-token')]) {
      expect(res.statusCode).toBe(401);
      expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('unauthenticated');
    }
  });

  it('logs in and out', async () => {
    const email = uniqueEmail();
    const first = await signup(server.app, { email, password: 'my password 1' });
    const res = await login(email, 'my password 1');
    expect(res.statusCode).toBe(200);
    expect(sessionSchema.parse(res.json())).toEqual(first.session);
    const cookie = sessionCookieOf(res.headers['set-cookie']);
    expect((await me(cookie)).statusCode).toBe(200);

    const out = await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...CURRENT_PROTOCOL, cookie } });
    expect(out.statusCode).toBe(200);
    expect([out.headers['set-cookie']].flat().join()).toMatch(/outpost_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await me(cookie)).statusCode).toBe(401);
    // The other session (from signup) is untouched.
    expect((await me(first.cookie)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const email = uniqueEmail();
    await signup(server.app, { email, password: 'the right one' });
    const wrong = await login(email, 'the wrong one');
    const unknown = await login(uniqueEmail('nobody'), 'the right one');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(apiErrorBodySchema.parse(wrong.json()).error.code).toBe('invalid_credentials');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('expires a session after 30 days', async () => {
    const { cookie } = await signup(server.app);
    server.clock.offsetMs = 29 * DAY;
    expect((await me(cookie)).statusCode).toBe(200);
    server.clock.offsetMs = 30 * DAY + 1000;
    try {
      const res = await me(cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
      const pull = await server.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { ...CURRENT_PROTOCOL, cookie } });
      expect(pull.statusCode).toBe(401);
    } finally {
      server.clock.offsetMs = 0;
    }
    // Deleted when found expired: moving the clock back does not revive it.
    expect((await me(cookie)).statusCode).toBe(401);
  });
});

describe('invites', () => {
  it('lets a second person join the workspace with an invite code, typed loosely', async () => {
    const owner = await signup(server.app, { workspaceName: 'Stand 42' });
    const res = await server.app.inject({ method: 'POST', url: '/api/workspace/invites', headers: { ...CURRENT_PROTOCOL, cookie: owner.cookie } });
    expect(res.statusCode).toBe(201);
    const { code, expiresAt } = inviteResponseSchema.parse(res.json());
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(7 * DAY);

    const typed = ` ${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `;
    const joined = await signup(server.app, { inviteCode: typed });
    expect(joined.session.workspace).toEqual(owner.session.workspace);
    expect(joined.session.user.id).not.toBe(owner.session.user.id);
  });

  it('refuses an unknown or expired invite code', async () => {
    const owner = await signup(server.app);
    const code = await invite(server.app, owner.cookie);
    const join = (inviteCode: string) => postSignup({ email: uniqueEmail(), password: 'long enough pw', inviteCode });

    const unknown = await join('ZZZZZZZZZZ');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('invalid_invite');

    server.clock.offsetMs = 7 * DAY + 1000;
    try {
      const expired = await join(code);
      expect(expired.statusCode).toBe(400);
      expect(expired.json().error.code).toBe('invalid_invite');
    } finally {
      server.clock.offsetMs = 0;
    }
  });

  it('needs a session to create an invite', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/workspace/invites' });
    expect(res.statusCode).toBe(401);
  });
});

describe('cookieSecure', () => {
  it('marks the session cookie Secure', async () => {
    const secure = await startTestServer({ cookieSecure: true });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { email: uniqueEmail(), password: 'long enough pw', workspaceName: 'W' },
      });
      expect([res.headers['set-cookie']].flat().join()).toContain('; Secure');
    } finally {
      await secure.close();
    }
  });
});
