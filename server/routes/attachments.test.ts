import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiErrorBodySchema, attachmentPath, attachmentUploadResponseSchema, MAX_ATTACHMENT_BYTES } from '../../src/core/protocol';
import { createOp, DAY, deleteOp, push, signup, serverWithOnePerson, startTestServer, visitor, type SignedIn, type TestServer } from '../test/helpers';

let server: TestServer, ann: SignedIn;
beforeAll(async () => ({ server, ann } = await serverWithOnePerson()));
afterAll(() => server.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function photo(size = 4096) {
  const bytes = randomBytes(size);
  return { bytes, hash: sha256(bytes) };
}

const upload = (cookie: string | null, hash: string, bytes: Buffer | string, type = 'image/jpeg') =>
  server.app.inject({
    method: 'PUT',
    url: attachmentPath(hash),
    headers: { 'content-type': type, ...(cookie ? { cookie } : {}) },
    payload: bytes,
  });

const download = (cookie: string | null, hash: string) =>
  server.app.inject({ method: 'GET', url: attachmentPath(hash), headers: cookie ? { cookie } : {} });

const errorOf = (res: { json(): unknown }) => apiErrorBodySchema.parse(res.json()).error;

describe('PUT /api/attachments/:hash', () => {
  it('stores a photo, and GET answers the same bytes and type, cacheable for good', async () => {
    const { bytes, hash } = photo(300_000);
    const put = await upload(ann.cookie, hash, bytes, 'image/png');
    expect(put.statusCode).toBe(201);
    expect(attachmentUploadResponseSchema.parse(put.json())).toEqual({ hash, size: bytes.length, stored: true });
    expect(put.headers.location).toBe(attachmentPath(hash));
    expect(put.headers['cache-control']).toBe('no-store');

    const get = await download(ann.cookie, hash);
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('image/png');
    expect(get.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(get.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(get.rawPayload, bytes)).toBe(0);
  });

  it('accepts a photo of exactly 5 MiB, with a content-type parameter', async () => {
    const { bytes, hash } = photo(MAX_ATTACHMENT_BYTES);
    const put = await upload(ann.cookie, hash, bytes, 'image/webp; q=1');
    expect(put.statusCode).toBe(201);
    const get = await download(ann.cookie, hash);
    expect(get.headers['content-type']).toBe('image/webp');
    expect(get.rawPayload.length).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('answers a repeated upload 200 stored: false and keeps the one copy', async () => {
    const { cookie } = await signup(server.app);
    const { bytes, hash } = photo();
    expect((await upload(cookie, hash, bytes)).statusCode).toBe(201);
    const again = await upload(cookie, hash, bytes, 'image/png');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ hash, size: bytes.length, stored: false });
    expect(again.headers.location).toBeUndefined();
    expect((await download(cookie, hash)).headers['content-type']).toBe('image/jpeg');

    // One row: it is collected once, and then there is nothing left.
    const workspaceId = (await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().workspace.id;
    const later = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString();
    expect(await server.storage.collectAttachments(workspaceId, later)).toBe(1);
    expect((await download(cookie, hash)).statusCode).toBe(404);
  });

  it('refuses bytes that do not match the hash: 400 hash_mismatch, nothing stored', async () => {
    const { bytes, hash } = photo();
    const other = photo();
    const res = await upload(ann.cookie, hash, other.bytes);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({ code: 'hash_mismatch', message: expect.stringContaining(other.hash) });
    expect((await download(ann.cookie, hash)).statusCode).toBe(404);
    expect((await download(ann.cookie, other.hash)).statusCode).toBe(404);
    expect((await upload(ann.cookie, hash, bytes)).statusCode).toBe(201);
  });

  it('refuses a hash that is not 64 lower-case hex digits with 400 bad_request', async () => {
    const { bytes, hash } = photo();
    for (const bad of [hash.toUpperCase(), hash.slice(1), `${hash}0`, 'x'.repeat(64), '..%2F..%2Fetc']) {
      const put = await upload(ann.cookie, bad, bytes);
      expect([put.statusCode, errorOf(put).code]).toEqual([400, 'bad_request']);
      const get = await download(ann.cookie, bad);
      expect([get.statusCode, errorOf(get).code]).toEqual([400, 'bad_request']);
    }
  });

  it('refuses a photo over 5 MiB with 413 attachment_too_large, whether it is just over or far over', async () => {
    for (const size of [MAX_ATTACHMENT_BYTES + 1, MAX_ATTACHMENT_BYTES + 1024 * 1024]) {
      const { bytes, hash } = photo(size);
      const res = await upload(ann.cookie, hash, bytes);
      expect(res.statusCode).toBe(413);
      expect(errorOf(res)).toEqual({ code: 'attachment_too_large', message: 'The photo is larger than 5 MiB' });
      expect((await download(ann.cookie, hash)).statusCode).toBe(404);
    }
  });

  it('refuses a type that is not JPEG, PNG or WebP with 415 unsupported_media_type', async () => {
    const { bytes, hash } = photo();
    for (const type of ['image/gif', 'application/json', 'text/plain', 'application/octet-stream']) {
      const res = await upload(ann.cookie, hash, type === 'application/json' ? '{"a":1}' : bytes, type);
      expect([res.statusCode, errorOf(res).code]).toEqual([415, 'unsupported_media_type']);
      expect(errorOf(res).message).toBe('Send the photo as one of image/jpeg, image/png, image/webp');
    }
    const bare = await server.app.inject({ method: 'PUT', url: attachmentPath(hash), headers: { cookie: ann.cookie } });
    expect([bare.statusCode, errorOf(bare).code]).toEqual([415, 'unsupported_media_type']);
    expect((await download(ann.cookie, hash)).statusCode).toBe(404);
  });

  it('refuses an empty photo with 400 bad_request', async () => {
    const empty = Buffer.alloc(0);
    const res = await upload(ann.cookie, sha256(empty), empty);
    expect([res.statusCode, errorOf(res).code]).toEqual([400, 'bad_request']);
  });

  it('answers 401 to anyone not signed in, before reading the body', async () => {
    const { bytes, hash } = photo();
    const put = await upload(null, hash, bytes);
    expect([put.statusCode, errorOf(put).code]).toEqual([401, 'unauthenticated']);
    expect([(await upload(null, 'bad', 'x', 'image/gif')).statusCode]).toEqual([401]);
    await upload(ann.cookie, hash, bytes);
    const get = await download(null, hash);
    expect([get.statusCode, errorOf(get).code]).toEqual([401, 'unauthenticated']);
    expect(get.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /api/attachments/:hash', () => {
  it('answers 404 not_found, not cacheable, for a photo this workspace does not have', async () => {
    const res = await download(ann.cookie, photo().hash);
    expect([res.statusCode, errorOf(res).code]).toEqual([404, 'not_found']);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('attachments and workspaces', () => {
  it('does not show B a photo of A, and B uploading the same bytes stores B’s own copy without touching A’s', async () => {
    const alice = await signup(server.app, { workspaceName: 'A' });
    const mallory = await signup(server.app, { workspaceName: 'B' });
    const { bytes, hash } = photo();
    await upload(alice.cookie, hash, bytes, 'image/png');

    const probe = await download(mallory.cookie, hash);
    expect([probe.statusCode, errorOf(probe)]).toEqual([404, { code: 'not_found', message: 'No such photo' }]);
    expect(errorOf(await download(mallory.cookie, photo().hash))).toEqual(errorOf(probe)); // same answer as an unknown hash

    const own = await upload(mallory.cookie, hash, bytes, 'image/jpeg');
    expect([own.statusCode, own.json().stored]).toEqual([201, true]);
    expect((await download(mallory.cookie, hash)).headers['content-type']).toBe('image/jpeg');
    const alices = await download(alice.cookie, hash);
    expect(alices.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(alices.rawPayload, bytes)).toBe(0);
  });
});

describe('collecting unreferenced photos while the server runs', () => {
  let busy: TestServer;
  beforeAll(async () => {
    busy = await startTestServer({ attachmentCollector: { firstRunMs: 10, everyMs: 10 } });
  });
  afterAll(async () => {
    await busy.close();
  });

  it('deletes, once a day old, the photos no live visitor shows, and keeps the others', async () => {
    const { cookie } = await signup(busy.app);
    const [shown, orphan] = [photo(), photo()];
    const put = (p: { hash: string; bytes: Buffer }) =>
      busy.app.inject({ method: 'PUT', url: attachmentPath(p.hash), headers: { cookie, 'content-type': 'image/jpeg' }, payload: p.bytes });
    const status = async (p: { hash: string }) =>
      (await busy.app.inject({ method: 'GET', url: attachmentPath(p.hash), headers: { cookie } })).statusCode;
    await put(shown);
    await put(orphan);
    const id = randomUUID();
    await push(busy.app, cookie, [createOp(id, visitor({ cardPhoto: shown.hash }))]);

    await new Promise((resolve) => setTimeout(resolve, 50)); // several runs: both young, both kept
    expect([await status(shown), await status(orphan)]).toEqual([200, 200]);

    busy.clock.offsetMs = 2 * DAY;
    await vi.waitFor(async () => expect(await status(orphan)).toBe(404));
    expect(await status(shown)).toBe(200);

    await push(busy.app, cookie, [deleteOp(id)]);
    await vi.waitFor(async () => expect(await status(shown)).toBe(404));
  });
});
