import { describe, expect, it } from 'vitest';
import { AuthError, NetworkError, ProtocolError, RateLimitedError, RequestRejectedError, ServerError, UpdateRequiredError } from '../core/errors';
import { createHttpTransport } from './transport';
import { PROTOCOL_VERSION } from '../core/protocol';
import { visitorData } from '../core/testing/visitorData';

const id = '01890a5d-ac96-774b-bcce-b302099a8057';
const opId = '01890a5d-ac96-774b-bcce-b302099a8058';
const req = { clientId: 'c1', ops: [{ opId, collection: 'visitors' as const, id, kind: 'create' as const, data: visitorData() }] };

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('http transport', () => {
  it('pushes JSON with the session cookie, no cache, and the drainer header; validates the answer', async () => {
    const { fetch, calls } = fakeFetch(() => json({ results: [{ opId, status: 'applied', rev: 1, record: visitorData() }], cursor: 1 }));
    const t = createHttpTransport({ fetch, baseUrl: 'https://x.test', drainer: 'service-worker' });
    const res = await t.push(req);
    expect(res.results[0]?.status).toBe('applied');
    const { url, init } = calls[0]!;
    expect(url).toBe('https://x.test/api/sync/push');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', cache: 'no-store' });
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', 'x-outpost-drainer': 'service-worker', 'outpost-protocol': String(PROTOCOL_VERSION) });
    expect(JSON.parse(new TextDecoder().decode(init.body as Uint8Array))).toEqual(req);
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('pulls with since and limit', async () => {
    const { fetch, calls } = fakeFetch(() => json({ changes: [], cursor: 5, hasMore: false }));
    await expect(createHttpTransport({ fetch }).pull(5, 1000)).resolves.toEqual({ changes: [], cursor: 5, hasMore: false });
    expect(calls[0]!.url).toBe('/api/sync/pull?since=5&limit=1000');
    expect(calls[0]!.init.method).toBe('GET');
  });

  it('turns statuses into typed errors', async () => {
    const cases: [Response, unknown][] = [
      [json({ error: { code: 'unauthenticated', message: 'Sign in' } }, 401), AuthError],
      [json({}, 403), AuthError],
      [json({}, 429, { 'retry-after': '3' }), RateLimitedError],
      [new Response('oops', { status: 502 }), ServerError],
      [json({ error: { code: 'too_large', message: 'Too large' } }, 413), RequestRejectedError],
      [json({}, 422), RequestRejectedError],
      [json({ error: { code: 'upgrade_required', message: 'Update' } }, 426), UpdateRequiredError],
      [json({ error: { code: 'server_outdated', message: 'Later' } }, 503, { 'retry-after': '60' }), ServerError],
    ];
    for (const [res, type] of cases) {
      const { fetch } = fakeFetch(() => res);
      await expect(createHttpTransport({ fetch }).push(req)).rejects.toBeInstanceOf(type);
    }
    const { fetch } = fakeFetch(() => json({}, 429, { 'retry-after': '3' }));
    await expect(createHttpTransport({ fetch }).pull(0, 10)).rejects.toMatchObject({ retryAfterMs: 3000 });
  });

  it('a thrown fetch is a network error', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createHttpTransport({ fetch }).pull(0, 10)).rejects.toBeInstanceOf(NetworkError);
  });

  it('a hanging request times out as a network error', async () => {
    const fetch = ((_: string, init: RequestInit) =>
      new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))) as unknown as typeof globalThis.fetch;
    await expect(createHttpTransport({ fetch, timeoutMs: 20 }).pull(0, 10)).rejects.toMatchObject({
      code: 'network',
      details: { reason: 'timeout' },
    });
  });

  it('a 2xx answer that breaks the schema, or is not JSON, is a protocol error', async () => {
    const bad = fakeFetch(() => json({ results: 'nope', cursor: 1 }));
    await expect(createHttpTransport({ fetch: bad.fetch }).push(req)).rejects.toBeInstanceOf(ProtocolError);
    const html = fakeFetch(() => new Response('<html>', { status: 200 }));
    await expect(createHttpTransport({ fetch: html.fetch }).pull(0, 1)).rejects.toBeInstanceOf(ProtocolError);
  });

  it('counts the UTF-8 bytes of push and pull bodies, not of photos', async () => {
    const pushAnswer = JSON.stringify({ results: [{ opId, status: 'applied', rev: 1, record: visitorData({ name: 'Zoë' }) }], cursor: 1 });
    const pullAnswer = JSON.stringify({ changes: [], cursor: 1, hasMore: false });
    const { fetch, calls } = fakeFetch((url) =>
      url.includes('/push') ? new Response(pushAnswer) : url.includes('/pull') ? new Response(pullAnswer) : json({ hash: 'h', stored: true }),
    );
    const t = createHttpTransport({ fetch });
    expect(t.traffic?.()).toEqual({ sent: 0, received: 0 });
    const sent = { ...req, ops: [{ ...req.ops[0]!, data: visitorData({ name: 'Zoë 😀' }) }] };
    await t.push(sent);
    await t.pull(0, 10);
    await t.putAttachment('a'.repeat(64), new ArrayBuffer(1000), 'image/jpeg').catch(() => {});
    const bytes = (text: string) => new TextEncoder().encode(text).length;
    expect((calls[0]!.init.body as Uint8Array).byteLength).toBe(bytes(JSON.stringify(sent)));
    expect(t.traffic?.()).toEqual({ sent: bytes(JSON.stringify(sent)), received: bytes(pushAnswer) + bytes(pullAnswer) });
  });

  it('refuses to send a request that breaks the schema', async () => {
    const { fetch, calls } = fakeFetch(() => json({ results: [], cursor: 0 }));
    await expect(createHttpTransport({ fetch }).push({ clientId: '', ops: [] })).rejects.toBeInstanceOf(ProtocolError);
    expect(calls).toHaveLength(0);
  });
});
