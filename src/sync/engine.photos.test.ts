import { describe, expect, it } from 'vitest';
import { NetworkError } from '../core/errors';
import { visitorData } from '../core/testing/visitorData';
import { createVisitorsRepository } from '../data/visitors';
import { ValidationError } from '../data/validation';
import { createSyncEngine } from './engine';
import { sha256Hex } from './hash';
import { inMemoryLock } from './locks';
import { createMemoryStore } from './memoryStore';
import { MemorySyncServer } from './testing/memoryServer';

const jpeg = (...bytes: number[]) => ({ bytes: new Uint8Array([0xff, 0xd8, ...bytes]).buffer, type: 'image/jpeg' as const });

function device(server = new MemorySyncServer()) {
  const store = createMemoryStore();
  const visitors = createVisitorsRepository(store);
  const engine = createSyncEngine({ store, transport: server, lock: inMemoryLock(), random: () => 0.5 });
  const attachment = async (hash: string) => (await store.transaction(['attachments'], (tx) => tx.attachments([hash]))).get(hash);
  return { server, store, visitors, engine, attachment };
}

describe('card photos sync with the visitor', () => {
  it('stores the photo with the visitor, names it by its SHA-256, and uploads it before the op that names it', async () => {
    const { server, visitors, engine, attachment } = device();
    const photo = jpeg(1, 2, 3);
    const id = await visitors.create(visitorData(), { photo });
    const hash = await sha256Hex(photo.bytes);
    expect(await attachment(hash)).toMatchObject({ state: 'pending', type: 'image/jpeg' });
    let heldWhenPushed = false;
    server.duringPush = async () => void (heldWhenPushed = server.attachments.has(hash));
    expect(await engine.sync()).toEqual({ ok: true });
    expect(heldWhenPushed).toBe(true);
    expect(server.records.get(id)?.data.cardPhoto).toBe(hash);
    expect(new Uint8Array(server.attachments.get(hash)!.bytes)).toEqual(new Uint8Array(photo.bytes));
    expect(await attachment(hash)).toMatchObject({ state: 'synced' });
  });

  it('keeps a photo through failed uploads, and a lost answer stores it once', async () => {
    const { server, visitors, engine, attachment } = device();
    const id = await visitors.create(visitorData(), { photo: jpeg(4) });
    const hash = await sha256Hex(jpeg(4).bytes);
    server.failNext('attachment', new NetworkError());
    expect((await engine.sync()).ok).toBe(false);
    expect(server.records.has(id)).toBe(false); // the op waits behind its photo
    expect(await attachment(hash)).toMatchObject({ state: 'pending' });
    server.failNext('attachment', 'drop-after-commit');
    expect((await engine.sync()).ok).toBe(false);
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.uploads.filter((h) => h === hash)).toHaveLength(3);
    expect(server.attachments.size).toBe(1);
    expect(server.records.get(id)?.data.cardPhoto).toBe(hash);
  });

  it('a photo the server refuses is marked failed; the visitor still syncs', async () => {
    const { server, visitors, engine, store } = device();
    const id = await visitors.create(visitorData(), { photo: jpeg(5) });
    const [stored] = await store.transaction(['attachments'], (tx) => tx.pendingAttachments(1));
    await store.transaction(['attachments'], (tx) => tx.write({ putAttachments: [{ ...stored!, bytes: jpeg(6).bytes }] })); // bytes no longer match the hash
    expect(await engine.sync()).toEqual({ ok: true });
    expect(await store.transaction(['attachments'], (tx) => tx.attachments([stored!.hash]))).toMatchObject(new Map([[stored!.hash, { state: 'failed' }]]));
    expect(server.records.has(id)).toBe(true);
  });

  it('removing the photo sends cardPhoto null; the same photo twice is stored once', async () => {
    const { server, visitors, engine, store } = device();
    const id = await visitors.create(visitorData(), { photo: jpeg(7) });
    await visitors.update(id, {}, { photo: jpeg(7) });
    await visitors.update(id, { title: 'CTO' }, { photo: null });
    expect(await engine.sync()).toEqual({ ok: true });
    expect(server.records.get(id)?.data).toMatchObject({ cardPhoto: null, title: 'CTO' });
    expect(await store.transaction(['attachments'], (tx) => tx.pendingAttachments(10))).toEqual([]);
    expect(server.attachments.size).toBe(1);
  });

  it('refuses a photo of another type or over 5 MiB, writing nothing', async () => {
    const { visitors, store } = device();
    await expect(visitors.create(visitorData(), { photo: { bytes: new ArrayBuffer(8), type: 'image/gif' as never } })).rejects.toBeInstanceOf(ValidationError);
    await expect(visitors.create(visitorData(), { photo: { bytes: new ArrayBuffer(5 * 1024 * 1024 + 1), type: 'image/jpeg' } })).rejects.toMatchObject({ fields: { cardPhoto: 'The photo is larger than 5 MiB' } });
    expect(await store.transaction(['outbox', 'attachments'], async (tx) => [await tx.opCount(), await tx.pendingAttachments(1)])).toEqual([0, []]);
  });
});
