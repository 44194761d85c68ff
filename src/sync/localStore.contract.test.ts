import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ackRow, type AckRow } from '../core/client/acks';
import { ALL_TABLES, type LocalStore } from '../core/client/localStore';
import type { ConflictRecord, LocalVisitor, OutboxOp, Shadow } from '../core/client/types';
import { INITIAL_SYNC_STATUS } from '../core/client/status';
import { op } from '../core/testing/ops';
import { visitorData } from '../core/testing/visitorData';
import { createDexieStore } from '../db/dexieStore';
import { openTestDb } from '../db/testDb';
import { createMemoryStore } from './memoryStore';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

const implementations: [string, () => LocalStore][] = [
  ['Dexie (IndexedDB)', () => {
    const db = openTestDb();
    closers.push(() => db.close());
    return createDexieStore(db);
  }],
  ['in memory', createMemoryStore],
];

const row = (id: string, name = 'Ada'): LocalVisitor => ({ id, data: visitorData({ name }), syncState: 'synced', sortName: name.toLowerCase(), serverRev: 1, localUpdatedAt: 0 });
const shadow = (id: string, rev = 1): Shadow => ({ id, collection: 'visitors', rev, deleted: false, data: visitorData() });
const conflict = (id: string): ConflictRecord => ({
  id, collection: 'visitors', kind: 'update-update', fields: ['title'], base: { title: 'A' }, mine: { title: 'B' }, theirs: { title: 'C' }, theirsBy: null, theirsAt: null, detectedAt: 0,
});
const opOf = (id: string, fields: Partial<OutboxOp> = {}) => op({ kind: 'update', id, opId: uuidv7(), patch: { title: 'T' }, base: { title: 'S' }, ...fields });
const seqsOf = (ops: readonly OutboxOp[]) => ops.map((o) => o.seq);

describe.each(implementations)('LocalStore contract: %s', (_name, open) => {
  const inTx = <T>(store: LocalStore, work: Parameters<LocalStore['transaction']>[1]) => store.transaction(ALL_TABLES, work) as Promise<T>;

  it('reads back the rows, shadows and conflicts it wrote, by id, and forgets deleted ones', async () => {
    const store = open();
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    await inTx(store, (tx) => tx.write({ putRows: [row(a), row(b, 'Bo')], putShadows: [shadow(a)], putConflicts: [conflict(b)] }));
    await inTx(store, async (tx) => {
      expect([...(await tx.rows([a, b, c])).values()]).toEqual([row(a), row(b, 'Bo')]);
      expect((await tx.shadows([a, b])).get(a)).toEqual(shadow(a));
      expect([...(await tx.conflicts([a, b])).keys()]).toEqual([b]);
      await tx.write({ deleteRows: [a], deleteShadows: [a], deleteConflicts: [b] });
    });
    await inTx(store, async (tx) => {
      expect([...(await tx.rows([a, b])).keys()]).toEqual([b]);
      expect((await tx.shadows([a])).size).toBe(0);
      expect((await tx.conflicts([b])).size).toBe(0);
    });
  });

  it('reads rows through the acknowledgement journal; a row written after an answer supersedes it', async () => {
    const store = open();
    const [a, b] = [uuidv7(), uuidv7()];
    const stale = { ...row(a), syncState: 'pending' as const, serverRev: undefined };
    delete stale.serverRev;
    await inTx(store, (tx) => tx.write({ putRows: [stale, row(b, 'Bo')] }));
    const version = { id: a, rev: 4, data: visitorData({ name: 'Server' }) };
    await inTx(store, (tx) => tx.write({ addAcks: [ackRow([version], 9)], putRows: [] }));
    await inTx(store, async (tx) => {
      expect((await tx.rows([a, b])).get(a)).toEqual({ id: a, data: version.data, syncState: 'synced', sortName: 'server', serverRev: 4, localUpdatedAt: 9 });
      expect((await tx.rows([a, b])).get(b)).toEqual(row(b, 'Bo'));
      expect((await tx.storedRows([a])).get(a)).toEqual(stale);
      expect(await tx.acksOf([b])).toEqual([]);
      const [held] = await tx.acksOf([a, b]);
      expect(held).toMatchObject({ ids: [a], versions: [version] });
      expect(await tx.oldestAck()).toEqual(held);
    });
    const edited = { ...row(a, 'Edited'), syncState: 'pending' as const, serverRev: 4 };
    await inTx(store, (tx) => tx.write({ putRows: [edited] }));
    await inTx(store, async (tx) => expect((await tx.rows([a])).get(a)).toEqual(edited));
    const seq = (await inTx<AckRow | undefined>(store, (tx) => tx.oldestAck()))!.seq!;
    await inTx(store, (tx) => tx.write({ deleteAcks: [seq] }));
    await inTx(store, async (tx) => expect(await tx.oldestAck()).toBeUndefined());
  });

  it('gives new ops increasing seqs in order, never reused after a delete', async () => {
    const store = open();
    const id = uuidv7();
    await inTx(store, (tx) => tx.write({ addOps: [opOf(id), opOf(id), opOf(id)] }));
    const first = await inTx<OutboxOp[]>(store, (tx) => tx.opsAfter(0, 10));
    expect(seqsOf(first)).toEqual([1, 2, 3]);
    await inTx(store, (tx) => tx.write({ deleteOps: [2, 3] }));
    await inTx(store, (tx) => tx.write({ addOps: [opOf(id)] }));
    expect(seqsOf(await inTx<OutboxOp[]>(store, (tx) => tx.opsAfter(0, 10)))).toEqual([1, 4]);
  });

  it('lists queued ops after a seq with a limit, by record, failed ones, and counts them', async () => {
    const store = open();
    const [a, b] = [uuidv7(), uuidv7()];
    await inTx(store, (tx) => tx.write({ addOps: [opOf(a), opOf(b), opOf(a, { state: 'failed' }), opOf(b), opOf(a)] }));
    await inTx(store, async (tx) => {
      expect(seqsOf(await tx.opsAfter(1, 2))).toEqual([2, 3]);
      expect(seqsOf(await tx.opsOf([a]))).toEqual([1, 3, 5]);
      expect(seqsOf(await tx.opsOf([b, a]))).toEqual([1, 2, 3, 4, 5]);
      expect(seqsOf(await tx.failedOps())).toEqual([3]);
      expect(await tx.opCount()).toBe(5);
      expect(await tx.opsOf([])).toEqual([]);
    });
  });

  it('lists the ops of people other than the one given, in seq order, leaving out ops with no author', async () => {
    const store = open();
    const [a, b] = [uuidv7(), uuidv7()];
    const ada = { id: 'u-ada', email: 'ada@example.com' };
    const bo = { id: 'u-bo', email: 'bo@example.com' };
    await inTx(store, (tx) => tx.write({ addOps: [opOf(b, { author: bo }), opOf(a, { author: ada }), opOf(a), opOf(b, { author: ada }), opOf(a, { author: bo })] }));
    await inTx(store, async (tx) => {
      expect(seqsOf(await tx.opsByOthers('u-ada'))).toEqual([1, 5]);
      expect(seqsOf(await tx.opsByOthers('u-bo'))).toEqual([2, 4]);
      expect(seqsOf(await tx.opsByOthers(null))).toEqual([1, 2, 4, 5]);
      expect((await tx.opsByOthers('u-bo'))[0]).toMatchObject({ id: a, author: ada });
    });
  });

  it('returns the ops the caller already holds as given, and reads the others', async () => {
    const store = open();
    const id = uuidv7();
    await inTx(store, (tx) => tx.write({ addOps: [opOf(id), opOf(id)] }));
    const [held] = await inTx<OutboxOp[]>(store, (tx) => tx.opsAfter(0, 1));
    const ops = await inTx<OutboxOp[]>(store, (tx) => tx.opsOf([id], new Map([[held!.seq!, held!]])));
    expect(ops[0]).toBe(held);
    expect(ops[1]).toMatchObject({ seq: 2, id });
  });

  it('replaces an op in place by seq', async () => {
    const store = open();
    const id = uuidv7();
    await inTx(store, (tx) => tx.write({ addOps: [opOf(id), opOf(id)] }));
    const [first] = await inTx<OutboxOp[]>(store, (tx) => tx.opsAfter(0, 1));
    await inTx(store, (tx) => tx.write({ putOps: [{ ...first!, state: 'failed', attempts: 1 }] }));
    expect(await inTx<OutboxOp[]>(store, (tx) => tx.opsAfter(0, 10))).toMatchObject([{ seq: 1, state: 'failed', attempts: 1 }, { seq: 2, state: 'pending' }]);
  });

  it('keeps meta values, reads several at once, and deletes them', async () => {
    const store = open();
    await inTx(store, (tx) => tx.write({ meta: { cursor: 7, syncStatus: INITIAL_SYNC_STATUS } }));
    await inTx(store, (tx) => tx.write({ meta: { inflightThrough: 3, sessionRefused: 'u-ada' } }));
    expect(await inTx(store, (tx) => tx.meta(['cursor', 'inflightThrough', 'clientId', 'syncStatus', 'sessionRefused'] as const))).toEqual([
      7,
      3,
      undefined,
      INITIAL_SYNC_STATUS,
      'u-ada',
    ]);
    await inTx(store, (tx) => tx.write({ deleteMeta: ['cursor'] }));
    expect(await inTx(store, (tx) => tx.meta(['cursor', 'inflightThrough'] as const))).toEqual([undefined, 3]);
  });

  it('a transaction sees its own writes; one that throws leaves nothing behind', async () => {
    const store = open();
    const id = uuidv7();
    await inTx(store, async (tx) => {
      await tx.write({ putRows: [row(id)], meta: { cursor: 1 } });
      expect((await tx.rows([id])).get(id)).toEqual(row(id));
    });
    const failing = inTx(store, async (tx) => {
      await tx.write({ deleteRows: [id], addOps: [opOf(id)], meta: { cursor: 2 } });
      throw new Error('planner failed');
    });
    await expect(failing).rejects.toThrow('planner failed');
    await inTx(store, async (tx) => {
      expect((await tx.rows([id])).get(id)).toEqual(row(id));
      expect(await tx.opCount()).toBe(0);
      expect(await tx.meta(['cursor'] as const)).toEqual([1]);
    });
  });

  it('runs transactions in the order they were started', async () => {
    const store = open();
    const id = uuidv7();
    const writes = [1, 2, 3].map((cursor) => store.transaction(['meta', 'visitors'], (tx) => tx.write({ meta: { cursor }, putRows: [row(id, `V${cursor}`)] })));
    const read = store.transaction(['meta', 'visitors'], async (tx) => [await tx.meta(['cursor'] as const), (await tx.rows([id])).get(id)?.data.name]);
    await Promise.all(writes);
    expect(await read).toEqual([[3], 'V3']);
  });

  it('keeps photos by hash and lists the pending ones oldest first', async () => {
    const store = open();
    const photo = (hash: string, addedAt: number, state: 'pending' | 'synced' = 'pending') => ({ hash, type: 'image/jpeg', bytes: new Uint8Array([addedAt]).buffer, state, addedAt });
    await inTx(store, (tx) => tx.write({ putAttachments: [photo('b'.repeat(64), 2), photo('a'.repeat(64), 3), photo('c'.repeat(64), 1), photo('d'.repeat(64), 0, 'synced')] }));
    await inTx(store, async (tx) => {
      expect((await tx.pendingAttachments(2)).map((a) => a.addedAt)).toEqual([1, 2]);
      const [found] = (await tx.attachments(['a'.repeat(64), 'e'.repeat(64)])).values();
      expect(new Uint8Array(found!.bytes)).toEqual(new Uint8Array([3]));
      await tx.write({ putAttachments: [{ ...found!, state: 'synced' }] });
    });
    expect((await inTx<{ addedAt: number }[]>(store, (tx) => tx.pendingAttachments(10))).map((a) => a.addedAt)).toEqual([1, 2]);
  });

  it('hands out copies: changing a value read or written does not change what is stored', async () => {
    const store = open();
    const id = uuidv7();
    const written = row(id);
    await inTx(store, (tx) => tx.write({ putRows: [written] }));
    written.data.name = 'Changed after writing';
    const read = await inTx<Map<string, LocalVisitor>>(store, (tx) => tx.rows([id]));
    read.get(id)!.data.name = 'Changed after reading';
    expect((await inTx<Map<string, LocalVisitor>>(store, (tx) => tx.rows([id]))).get(id)?.data.name).toBe('Ada');
  });
});
