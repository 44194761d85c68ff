import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, authApi } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })));
}

describe('ApiError', () => {
  it('carries the Retry-After of a throttled sign-in', async () => {
    answer(429, { error: { code: 'too_many_attempts', message: 'Too many attempts. Try again later' } }, { 'retry-after': '300' });
    const error = await authApi.login('ada@example.com', 'wrong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'too_many_attempts', retryAfterMs: 300_000 });
  });

  it('has none when the server sent none', async () => {
    answer(401, { error: { code: 'invalid_credentials', message: 'Email or password is incorrect' } });
    await expect(authApi.login('ada@example.com', 'wrong')).rejects.toMatchObject({ status: 401, retryAfterMs: null });
  });
});
