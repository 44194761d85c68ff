import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { MAX_PULL_BYTES } from '../../src/core/protocol';
import { createOp, deleteOp, updateOp, visitor } from '../test/helpers';
import { at, describeEachStorage, joinWorkspace, newWorkspace, pullAll, pushOps, range, type ContractTests } from '../test/storageContract';

/** The storage contract: pull pages and record history. */

const ALL = { before: Number.MAX_SAFE_INTEGER, limit: 100 };

const pull: ContractTests = (storageOf) => {
  it('pages by cursor with no change skipped, and says when there is more', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const ids = range(1, 7).map(() => randomUUID());
    await pushOps(storage, member, ids.slice(0, 3).map((id) => createOp(id, visitor())));
    await pushOps(storage, member, ids.slice(3).map((id) => createOp(id, visitor())));
    await pushOps(storage, member, [updateOp(ids[0]!, { rating: 1 }, { rating: 4 })]); // moves ids[0] to rev 8

    const pages = await pullAll(storage, member, 0, 3);
    expect(pages.map((p) => [p.changes.map((c) => c.rev), p.cursor, p.hasMore, p.remaining])).toEqual([
      [[2, 3, 4], 4, true, 4],
      [[5, 6, 7], 7, true, 1],
      [[8], 8, false, 0],
    ]);
    expect(pages.flatMap((p) => p.changes.map((c) => c.id))).toEqual([...ids.slice(1), ids[0]]);
    expect(await storage.pull(member.workspaceId, 8, 3)).toEqual({ changes: [], cursor: 8, hasMore: false, remaining: 0 });
    expect((await storage.pull(member.workspaceId, 5, 2)).changes.map((c) => c.rev)).toEqual([6, 7]);
  });

  it('reads the history around a cursor: every entry after it and the last one up to it, of those records only', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await pushOps(storage, member, [createOp(a, visitor()), createOp(b, visitor()), createOp(c, visitor())]); // 1–3
    await pushOps(storage, member, [updateOp(a, { rating: 1 }, { rating: 4 })]); // 4
    await pushOps(storage, member, [updateOp(a, { title: 'CTO' }, { title: 'Engineer' }), deleteOp(b)]); // 5, 6
    await pushOps(storage, member, [updateOp(c, { notes: 'n' }, { notes: 'Met at the booth' })]); // 7
    const marks = await storage.historySince(member.workspaceId, 4, [{ collection: 'visitors', id: a }, { collection: 'visitors', id: b }]);
    const sorted = [...marks].sort((x, y) => x.rev - y.rev);
    expect(sorted.map((m) => [m.id, m.rev, m.kind, m.fields])).toEqual([
      [b, 2, 'create', []],
      [a, 4, 'update', []],
      [a, 5, 'update', ['title']],
      [b, 6, 'delete', []],
    ]);
    expect(await storage.historySince(member.workspaceId, 0, [])).toEqual([]);
  });

  it('ends a page before the change that would take it past 1 MiB, but always holds one', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    // 300 visitors with 10,000 characters of notes (some of them 2 bytes in UTF-8): about 3.3 MB.
    const notes = 'ü'.repeat(1000) + 'n'.repeat(9000);
    for (let batch = 0; batch < 3; batch += 1) {
      await pushOps(storage, member, range(1, 100).map(() => createOp(randomUUID(), visitor({ notes }))));
    }
    const pages = await pullAll(storage, member, 0, 5000);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.flatMap((p) => p.changes.map((c) => c.rev))).toEqual(range(1, 300));
    for (const page of pages) {
      expect(Buffer.byteLength(JSON.stringify(page.changes))).toBeLessThanOrEqual(MAX_PULL_BYTES);
      expect(page.cursor).toBe(page.changes.at(-1)?.rev);
    }
    expect(pages.map((p) => p.hasMore)).toEqual([...pages.slice(1).map(() => true), false]);
    // Pages are nearly full: each change's measure leaves only a little room for its envelope.
    for (const page of pages.slice(0, -1)) expect(Buffer.byteLength(JSON.stringify(page.changes))).toBeGreaterThan(0.9 * MAX_PULL_BYTES);

    const small = await storage.pull(member.workspaceId, 0, 2);
    expect([small.changes.length, small.cursor, small.hasMore, small.remaining]).toEqual([2, 2, true, 298]);
  });

  it('sends a change larger than the page’s byte cap alone, and says there is more', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    await pushOps(storage, member, [createOp(randomUUID(), visitor({ notes: 'x'.repeat(10_000) })), createOp(randomUUID(), visitor())]);
    const alone = await storage.pull(member.workspaceId, 0, 1000, 1000);
    expect([alone.changes.map((c) => c.rev), alone.cursor, alone.hasMore]).toEqual([[1], 1, true]);
    const rest = await storage.pull(member.workspaceId, 1, 1000, 1000);
    expect([rest.changes.map((c) => c.rev), rest.cursor, rest.hasMore]).toEqual([[2], 2, false]);
    const both = await storage.pull(member.workspaceId, 0, 1000, 12_000);
    expect([both.changes.map((c) => c.rev), both.hasMore]).toEqual([[1, 2], false]);
  });

  it('answers each change with its author’s email, server time and tombstone state', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage);
    const teammate = await joinWorkspace(storage, owner);
    const [kept, removed] = [randomUUID(), randomUUID()];
    await pushOps(storage, owner, [createOp(kept, visitor({ name: 'Kept' })), createOp(removed, visitor({ name: 'Removed' }))], at(1));
    await pushOps(storage, teammate, [deleteOp(removed)], at(2));

    expect((await storage.pull(owner.workspaceId, 0, 10)).changes).toEqual([
      { collection: 'visitors', id: kept, rev: 1, deleted: false, data: visitor({ name: 'Kept', capturedBy: owner.email }), updatedAt: at(1), updatedBy: owner.email },
      { collection: 'visitors', id: removed, rev: 3, deleted: true, data: visitor({ name: 'Removed', capturedBy: owner.email }), updatedAt: at(2), updatedBy: teammate.email },
    ]);
  });
};

const history: ContractTests = (storageOf) => {
  it('lists a record’s changes newest first, with who and when', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage);
    const teammate = await joinWorkspace(storage, owner);
    const id = randomUUID();
    await pushOps(storage, owner, [createOp(id, visitor({ rating: 2 }))], at(1));
    await pushOps(storage, owner, [createOp(randomUUID(), visitor())], at(2)); // another record's change
    await pushOps(storage, teammate, [updateOp(id, { rating: 3 }, { rating: 2 })], at(3));
    await pushOps(storage, owner, [deleteOp(id)], at(4));

    const history = await storage.history(owner.workspaceId, 'visitors', id, ALL);
    expect(history?.entries.map((h) => [h.rev, h.kind, h.by, h.at])).toEqual([
      [4, 'delete', owner.email, at(4)],
      [3, 'update', teammate.email, at(3)],
      [1, 'create', owner.email, at(1)],
    ]);
    expect(history?.hasMore).toBe(false);
    expect(history?.entries[1]?.changes).toEqual({ rating: { from: 2, to: 3 } });
    expect(await storage.history(owner.workspaceId, 'visitors', randomUUID(), ALL)).toBeNull();
  });

  it('pages a long history newest first: entries before a revision, at most a limit, saying when there is more', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage);
    const id = randomUUID();
    await pushOps(storage, owner, [createOp(id, visitor({ rating: 0 })), ...range(1, 6).map((n) => updateOp(id, { rating: n % 6 }, { rating: (n - 1) % 6 }))]);

    const first = await storage.history(owner.workspaceId, 'visitors', id, { before: Number.MAX_SAFE_INTEGER, limit: 3 });
    expect([first?.entries.map((h) => h.rev), first?.hasMore]).toEqual([[7, 6, 5], true]);
    const second = await storage.history(owner.workspaceId, 'visitors', id, { before: 5, limit: 3 });
    expect([second?.entries.map((h) => h.rev), second?.hasMore]).toEqual([[4, 3, 2], true]);
    const last = await storage.history(owner.workspaceId, 'visitors', id, { before: 2, limit: 3 });
    expect([last?.entries.map((h) => [h.rev, h.kind]), last?.hasMore]).toEqual([[[1, 'create']], false]);
    expect(await storage.history(owner.workspaceId, 'visitors', id, { before: 1, limit: 3 })).toEqual({ entries: [], hasMore: false });
  });
};

describeEachStorage({ pull, history });
