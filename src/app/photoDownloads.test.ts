import { describe, expect, it } from 'vitest';
import { NetworkError } from '../core/errors';
import { sha256Hex } from '../sync/hash';
import { createMemoryStore } from '../sync/memoryStore';
import { MemorySyncServer } from '../sync/testing/memoryServer';
import { createPhotoDownloads } from './photoDownloads';

const bytes = new Uint8Array([0xff, 0xd8, 9, 9]).buffer;

describe('photo downloads', () => {
  it('downloads a photo once, keeps it, and answers false while the server lacks it', async () => {
    const server = new MemorySyncServer();
    const store = createMemoryStore();
    const photos = createPhotoDownloads(store, server);
    const hash = await sha256Hex(bytes);
    expect(await photos.ensure(hash)).toBe(false);
    server.attachments.set(hash, { type: 'image/jpeg', bytes });
    expect(await Promise.all([photos.ensure(hash), photos.ensure(hash)])).toEqual([true, true]);
    server.failNext('attachment', new NetworkError()); // offline now: it is kept here
    expect(await photos.ensure(hash)).toBe(true);
    const kept = (await store.transaction(['attachments'], (tx) => tx.attachments([hash]))).get(hash);
    expect(kept).toMatchObject({ state: 'synced', type: 'image/jpeg' });
  });

  it('never keeps bytes that do not match the hash the record names', async () => {
    const server = new MemorySyncServer();
    const hash = await sha256Hex(bytes);
    server.attachments.set(hash, { type: 'image/jpeg', bytes: new Uint8Array([1]).buffer });
    expect(await createPhotoDownloads(createMemoryStore(), server).ensure(hash)).toBe(false);
  });
});
