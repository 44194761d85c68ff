import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createOp, deleteOp, updateOp, visitor } from '../test/helpers';
import { at, describeEachStorage, newWorkspace, pushOps, range, type ContractTests } from '../test/storageContract';

/** The storage contract: push batches, and one workspace's records kept from another. */

const ALL = { before: Number.MAX_SAFE_INTEGER, limit: 100 };

const push: ContractTests = (storageOf) => {
  it('gives each change the next workspace revision, in batch order, per workspace', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const first = await pushOps(storage, member, [
      createOp(a, visitor({ name: 'A' })),
      createOp(b, visitor({ name: 'B' })),
      updateOp(a, { rating: 5 }, { rating: 4 }),
    ]);
    expect(first.results.map((r) => [r.status, r.rev])).toEqual([
      ['applied', 1],
      ['applied', 2],
      ['applied', 3],
    ]);
    expect(first.rev).toBe(3);
    const second = await pushOps(storage, member, [createOp(c, visitor({ name: 'C' }))]);
    expect(second.results[0]).toMatchObject({ status: 'applied', rev: 4 });

    const elsewhere = await pushOps(storage, await newWorkspace(storage), [createOp(randomUUID(), visitor())]);
    expect(elsewhere.results[0]).toMatchObject({ status: 'applied', rev: 1 });
  });

  it('applies a replayed batch once and answers it with the stored results', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const id = randomUUID();
    const batch = [
      createOp(id, visitor({ name: 'Grace', company: 'Navy' })),
      updateOp(id, { company: 'Remington Rand' }, { company: 'Navy' }),
      updateOp(id, { company: 'UNIVAC' }, { company: 'Someone else saw this' }), // contended: a conflict
    ];
    const first = await pushOps(storage, member, batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict']);

    const replay = await pushOps(storage, member, batch, at(1));
    expect(replay.results).toEqual(first.results.map((r) => ({ ...r, status: 'duplicate' })));
    expect(replay.rev).toBe(first.rev);
    expect(replay.records).toEqual([]);

    const { changes } = await storage.pull(member.workspaceId, 0, 100);
    expect(changes.map((c) => [c.id, c.rev, c.data.company])).toEqual([[id, 2, 'Remington Rand']]);
    expect((await storage.history(member.workspaceId, 'visitors', id, ALL))?.entries.map((h) => h.kind)).toEqual(['update', 'create']);
  });

  it('applies a batch that two drainers send at the same moment exactly once', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const batch = range(1, 5).map(() => createOp(randomUUID(), visitor()));
    const both = await Promise.all([pushOps(storage, member, batch), pushOps(storage, member, batch)]);
    const statuses = both.map((plan) => plan.results.map((r) => r.status));
    expect(statuses).toContainEqual(Array(5).fill('applied'));
    expect(statuses).toContainEqual(Array(5).fill('duplicate'));
    expect((await storage.pull(member.workspaceId, 0, 100)).changes.map((c) => c.rev)).toEqual(range(1, 5));
  });

  it('keeps what identifies an applied op: the same op again is a duplicate, another op under its opId op_id_reused', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const [a, b] = [randomUUID(), randomUUID()];
    const opId = randomUUID();
    const first = await pushOps(storage, member, [createOp(a, visitor({ name: 'Ada' }), opId)]);
    expect(first.results[0]).toMatchObject({ status: 'applied', rev: 1 });

    // Keys in another order and untrimmed values are the same op once validated.
    const { name: _name, ...rest } = visitor({ name: ' Ada ' });
    const replay = await pushOps(storage, member, [{ data: { ...rest, name: ' Ada ' }, kind: 'create', id: a, opId, collection: 'visitors' }]);
    expect(replay.results).toEqual([{ ...first.results[0], status: 'duplicate' }]);

    const reused = await pushOps(storage, member, [createOp(b, visitor({ name: 'Grace' }), opId), updateOp(b, { rating: 1 }, { rating: 4 })]);
    expect(reused.results.map((r) => r.error?.code)).toEqual(['op_id_reused', 'blocked_by_earlier_rejection']);
    expect(reused.rev).toBe(1);
    expect((await storage.pull(member.workspaceId, 0, 10)).changes.map((c) => c.id)).toEqual([a]);
  });

  it('keeps record data exactly as pushed, key order and awkward characters included', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    // (Control characters other than tab and newline are refused before storage: protocol/text.ts.)
    const notes = 'Quote " backslash \\ newline\nzero width \u200b emoji 🦊 tab\t ümlaut \u2028 separator';
    const plan = await pushOps(storage, member, [createOp(randomUUID(), visitor({ notes, interests: ['ai', 'Ünïcode'] }))]);
    const [change] = (await storage.pull(member.workspaceId, 0, 10)).changes;
    expect(change?.data).toEqual(plan.records[0]?.data);
    expect(change?.data.notes).toBe(notes);
    expect(Object.keys(change?.data ?? {})).toEqual(Object.keys(plan.records[0]?.data ?? {}));
  });
};

const isolation: ContractTests = (storageOf) => {
  it('keeps another workspace’s records out of pull, push and history', async () => {
    const storage = storageOf();
    const alice = await newWorkspace(storage, 'A');
    const mallory = await newWorkspace(storage, 'B');
    const secret = randomUUID();
    const opId = randomUUID();
    await pushOps(storage, alice, [createOp(secret, visitor({ name: 'Secret Lead' }), opId)]);

    expect(await storage.pull(mallory.workspaceId, 0, 100)).toEqual({ changes: [], cursor: 0, hasMore: false, remaining: 0 });
    expect(await storage.history(mallory.workspaceId, 'visitors', secret, ALL)).toBeNull();
    const hijack = await pushOps(storage, mallory, [updateOp(secret, { name: 'Hijacked' }, { name: 'Secret Lead' }), deleteOp(secret)]);
    expect(hijack.results.map((r) => r.error?.code)).toEqual(['not_found', 'blocked_by_earlier_rejection']);

    // The same record id and even the same opId in B are B's own, not a duplicate of A's.
    const copy = await pushOps(storage, mallory, [createOp(secret, visitor({ name: 'B copy' }), opId)]);
    expect(copy.results[0]).toMatchObject({ status: 'applied', rev: 1 });
    expect((await storage.pull(alice.workspaceId, 0, 100)).changes.map((c) => [c.rev, c.data.name])).toEqual([[1, 'Secret Lead']]);
    expect((await storage.pull(mallory.workspaceId, 0, 100)).changes.map((c) => [c.rev, c.data.name])).toEqual([[1, 'B copy']]);
    expect((await storage.history(alice.workspaceId, 'visitors', secret, ALL))?.entries).toHaveLength(1);
  });
};

describeEachStorage({ push, 'workspace isolation': isolation });
