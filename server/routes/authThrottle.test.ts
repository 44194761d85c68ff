import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiErrorBodySchema } from '../../src/core/protocol';
import * as password from '../auth/password';
import { signup, startTestServer, uniqueEmail, type TestServer } from '../test/helpers';

// Counts the password hashing behind each answer: a throttled request must not reach it.
vi.mock('../auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('../auth/password')>();
  return {
    hashPassword: vi.fn(real.hashPassword),
    verifyPassword: vi.fn(real.verifyPassword),
    verifyAgainstNothing: vi.fn(real.verifyAgainstNothing),
  };
});
const hashings = () =>
  vi.mocked(password.hashPassword).mock.calls.length +
  vi.mocked(password.verifyPassword).mock.calls.length +
  vi.mocked(password.verifyAgainstNothing).mock.calls.length;

const MINUTE = 60_000;
const RIGHT = 'the right password';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ authThrottle: {} }); // the production limits
});
afterEach(async () => {
  await server.close();
});

let addressSeq = 0;
/** A client address of its own, so only the limit under test applies. */
const newAddress = () => `198.51.100.${(addressSeq += 1)}`;

const login = (email: string, pw: string, remoteAddress = newAddress()) =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: pw }, remoteAddress });
const postSignup = (remoteAddress: string, email = uniqueEmail('signup')) =>
  server.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email, password: RIGHT, workspaceName: 'W' }, remoteAddress });

function expectThrottled(res: Awaited<ReturnType<typeof login>>, retryAfterSeconds: number) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['retry-after']).toBe(String(retryAfterSeconds));
  expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('too_many_attempts');
  expect(res.headers['set-cookie']).toBeUndefined();
}

describe('login throttling by account', () => {
  it('locks an account out after 5 wrong passwords, even for the right one from elsewhere, for 5 minutes', async () => {
    const { session } = await signup(server.app, { password: RIGHT });
    const email = session.user.email;
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong ${i}`)).statusCode).toBe(401);

    const before = hashings();
    expectThrottled(await login(email, RIGHT), 300);
    expectThrottled(await login(email.toUpperCase(), RIGHT), 300);
    expect(hashings()).toBe(before);

    server.clock.offsetMs = 4 * MINUTE;
    expectThrottled(await login(email, RIGHT), 60);
    server.clock.offsetMs = 5 * MINUTE;
    expect((await login(email, RIGHT)).statusCode).toBe(200);
  });

  it('doubles the lockout for each wrong password after it', async () => {
    const { session } = await signup(server.app, { password: RIGHT });
    for (let i = 0; i < 5; i++) await login(session.user.email, 'wrong');
    server.clock.offsetMs = 5 * MINUTE;
    expect((await login(session.user.email, 'wrong again')).statusCode).toBe(401);
    expectThrottled(await login(session.user.email, RIGHT), 600);
  });

  it('forgets the wrong passwords of an account once its right one is given', async () => {
    const { session } = await signup(server.app, { password: RIGHT });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await login(session.user.email, 'wrong')).statusCode).toBe(401);
      expect((await login(session.user.email, RIGHT)).statusCode).toBe(200);
    }
  });

  it('lets only 5 of 40 wrong passwords sent at once be checked', async () => {
    const { session } = await signup(server.app, { password: RIGHT });
    const before = hashings();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(session.user.email, `guess ${i}`)));
    const statuses = answers.map((res) => res.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(hashings() - before).toBe(5);
  });

  it('throttles an unknown email like a real one', async () => {
    const nobody = uniqueEmail('nobody');
    for (let i = 0; i < 5; i++) expect((await login(nobody, 'guess')).statusCode).toBe(401);
    expectThrottled(await login(nobody, 'guess'), 300);
  });
});

describe('login throttling by address', () => {
  it('refuses an address after 20 wrong passwords in a minute, for any account, and not other addresses', async () => {
    const { session } = await signup(server.app, { password: RIGHT });
    const address = newAddress();
    for (let i = 0; i < 20; i++) expect((await login(uniqueEmail('spray'), 'guess', address)).statusCode).toBe(401);

    const before = hashings();
    expectThrottled(await login(session.user.email, RIGHT, address), 60);
    expect(hashings()).toBe(before);
    expect((await login(session.user.email, RIGHT, newAddress())).statusCode).toBe(200);
    server.clock.offsetMs = MINUTE;
    expect((await login(session.user.email, RIGHT, address)).statusCode).toBe(200);
  });

  it('does not count right passwords from an address', async () => {
    const { session } = await signup(server.app, { password: RIGHT });
    const address = newAddress();
    for (let i = 0; i < 30; i++) expect((await login(session.user.email, RIGHT, address)).statusCode).toBe(200);
  });
});

describe('sign-up throttling by address', () => {
  it('allows 10 sign-ups an hour from one address, refused ones included', async () => {
    const address = newAddress();
    const { session: taken } = await signup(server.app);
    for (let i = 0; i < 9; i++) expect((await postSignup(address)).statusCode).toBe(201);
    expect((await postSignup(address, taken.user.email)).statusCode).toBe(409);

    const before = hashings();
    expectThrottled(await postSignup(address), 3600);
    expect(hashings()).toBe(before);
    expect((await postSignup(newAddress())).statusCode).toBe(201);
    server.clock.offsetMs = 60 * MINUTE;
    expect((await postSignup(address)).statusCode).toBe(201);
  });

  it('does not count a sign-up refused before its password was hashed', async () => {
    const address = newAddress();
    for (let i = 0; i < 12; i++) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { email: uniqueEmail(), password: 'Password1', workspaceName: 'W' },
        remoteAddress: address,
      });
      expect(res.statusCode).toBe(422);
    }
    expect((await postSignup(address)).statusCode).toBe(201);
  });
});
