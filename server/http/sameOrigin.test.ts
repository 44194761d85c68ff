import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, attachmentPath } from '../../src/core/protocol';
import { serverWithOnePerson, type SignedIn, type TestServer } from '../test/helpers';
import { isOriginOfHost } from './sameOrigin';

let server: TestServer, ann: SignedIn;
beforeAll(async () => ({ server, ann } = await serverWithOnePerson()));
afterAll(() => server.close());

/** inject's Host header. */
const HOST = 'localhost:80';
const OWN_ORIGIN = 'http://localhost';
const CROSS_SITE = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
const SAME_SITE = { 'sec-fetch-site': 'same-site', origin: 'http://other.localhost' };
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin', origin: OWN_ORIGIN };

const codeOf = (res: { json(): unknown }) => apiErrorBodySchema.parse(res.json()).error.code;
const me = (cookie: string) => server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const openInvites = async (cookie: string) =>
  ((await server.app.inject({ method: 'GET', url: '/api/workspace/invites', headers: { cookie } })).json() as { invites: unknown[] }).invites;
const createInvite = (headers: Record<string, string>, payload?: string) =>
  server.app.inject({ method: 'POST', url: '/api/workspace/invites', headers: { host: HOST, cookie: ann.cookie, ...headers }, payload });

describe('state-changing requests from another site', () => {
  it('a cross-site <form enctype=text/plain> POST to logout is refused, and the person stays signed in', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...CROSS_SITE, cookie: ann.cookie, 'content-type': 'text/plain' },
      payload: 'x=y',
    });
    expect(res.statusCode).toBe(403);
    expect(codeOf(res)).toBe('cross_site_request');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await me(ann.cookie)).statusCode).toBe(200);
  });

  it('a same-site page cannot create an invite, with text/plain or JSON', async () => {
    const before = (await openInvites(ann.cookie)).length;
    for (const res of [
      await createInvite({ ...SAME_SITE, 'content-type': 'text/plain' }, 'x'),
      await createInvite({ ...SAME_SITE, 'content-type': 'application/json' }, '{}'),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(codeOf(res)).toBe('cross_site_request');
    }
    expect(await openInvites(ann.cookie)).toHaveLength(before);
  });

  it('without Sec-Fetch-Site, an Origin must name this host; "null" and other hosts are refused', async () => {
    expect((await createInvite({ origin: 'https://evil.example', 'content-type': 'application/json' }, '{}')).statusCode).toBe(403);
    expect((await createInvite({ origin: 'null', 'content-type': 'application/json' }, '{}')).statusCode).toBe(403);
    expect((await createInvite({ origin: OWN_ORIGIN, 'content-type': 'application/json' }, '{}')).statusCode).toBe(201);
  });

  it('reads stay open to any page (a browser keeps their answers from other sites)', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...CROSS_SITE, cookie: ann.cookie } });
    expect(res.statusCode).toBe(200);
  });

  it('compares an Origin with the Host header port by port, a missing port meaning the default', () => {
    expect(isOriginOfHost('http://localhost', 'localhost:80')).toBe(true);
    expect(isOriginOfHost('https://outpost.example', 'outpost.example')).toBe(true);
    expect(isOriginOfHost('https://outpost.example', 'outpost.example:443')).toBe(true);
    expect(isOriginOfHost('http://127.0.0.1:5173', '127.0.0.1:5173')).toBe(true);
    expect(isOriginOfHost('http://127.0.0.1:5174', '127.0.0.1:5173')).toBe(false);
    expect(isOriginOfHost('https://outpost.example.evil.example', 'outpost.example')).toBe(false);
    expect(isOriginOfHost('null', 'outpost.example')).toBe(false);
  });
});

describe('the body of a state-changing request is JSON', () => {
  it('refuses text/plain from the app’s own origin too: no invite is created', async () => {
    const before = (await openInvites(ann.cookie)).length;
    const res = await createInvite({ ...SAME_ORIGIN, 'content-type': 'text/plain' }, '{}');
    expect(res.statusCode).toBe(415);
    expect(codeOf(res)).toBe('unsupported_media_type');
    expect(await openInvites(ann.cookie)).toHaveLength(before);
  });

  it('refuses a urlencoded or multipart form body', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...SAME_ORIGIN, host: HOST, 'content-type': type },
        payload: 'email=a%40b.c&password=x',
      });
      expect(res.statusCode).toBe(415);
    }
  });

  it('a browser names application/json even on a bodiless POST; a non-browser client need not', async () => {
    const untyped = await createInvite(SAME_ORIGIN);
    expect(untyped.statusCode).toBe(415);
    expect(codeOf(untyped)).toBe('unsupported_media_type');
    expect((await createInvite({ ...SAME_ORIGIN, 'content-type': 'application/json' })).statusCode).toBe(201);
    expect((await createInvite({})).statusCode).toBe(201);
  });

  it('a body without any content type is refused', async () => {
    const res = await createInvite({}, '{}');
    expect(res.statusCode).toBe(415);
  });

  it('the photo upload still takes image bytes from the app, and nothing else', async () => {
    const bytes = randomBytes(2048);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const put = (type: string) =>
      server.app.inject({
        method: 'PUT',
        url: attachmentPath(hash),
        headers: { ...SAME_ORIGIN, host: HOST, cookie: ann.cookie, 'content-type': type },
        payload: bytes,
      });
    expect((await put('text/plain')).statusCode).toBe(415);
    expect((await put('image/png')).statusCode).toBe(201);
  });
});
