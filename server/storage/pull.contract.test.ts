import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createOp, deleteOp, updateOp, visitor } from '../test/helpers';
import { at, describeEachStorage, joinWorkspace, newWorkspace, pullAll, pushOps, range, type ContractTests } from '../test/storageContract';

/** The storage contract: pull pages and record history. */

const pull: ContractTests = (storageOf) => {
  it('pages by cursor with no change skipped, and says when there is more', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const ids = range(1, 7).map(() => randomUUID());
    await pushOps(storage, member, ids.slice(0, 3).map((id) => createOp(id, visitor())));
    await pushOps(storage, member, ids.slice(3).map((id) => createOp(id, visitor())));
    await pushOps(storage, member, [updateOp(ids[0]!, { rating: 1 }, { rating: 4 })]); // moves ids[0] to rev 8

    const pages = await pullAll(storage, member, 0, 3);
    expect(pages.map((p) => [p.changes.map((c) => c.rev), p.cursor, p.hasMore])).toEqual([
      [[2, 3, 4], 4, true],
      [[5, 6, 7], 7, true],
      [[8], 8, false],
    ]);
    expect(pages.flatMap((p) => p.changes.map((c) => c.id))).toEqual([...ids.slice(1), ids[0]]);
    expect(await storage.pull(member.workspaceId, 8, 3)).toEqual({ changes: [], cursor: 8, hasMore: false });
    expect((await storage.pull(member.workspaceId, 5, 2)).changes.map((c) => c.rev)).toEqual([6, 7]);
  });

  it('answers each change with its author’s email, server time and tombstone state', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage);
    const teammate = await joinWorkspace(storage, owner);
    const [kept, removed] = [randomUUID(), randomUUID()];
    await pushOps(storage, owner, [createOp(kept, visitor({ name: 'Kept' })), createOp(removed, visitor({ name: 'Removed' }))], at(1));
    await pushOps(storage, teammate, [deleteOp(removed)], at(2));

    expect((await storage.pull(owner.workspaceId, 0, 10)).changes).toEqual([
      { collection: 'visitors', id: kept, rev: 1, deleted: false, data: visitor({ name: 'Kept' }), updatedAt: at(1), updatedBy: owner.email },
      { collection: 'visitors', id: removed, rev: 3, deleted: true, data: visitor({ name: 'Removed' }), updatedAt: at(2), updatedBy: teammate.email },
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

    const history = await storage.history(owner.workspaceId, 'visitors', id);
    expect(history?.map((h) => [h.rev, h.kind, h.by, h.at])).toEqual([
      [4, 'delete', owner.email, at(4)],
      [3, 'update', teammate.email, at(3)],
      [1, 'create', owner.email, at(1)],
    ]);
    expect(history?.[1]?.changes).toEqual({ rating: { from: 2, to: 3 } });
    expect(await storage.history(owner.workspaceId, 'visitors', randomUUID())).toBeNull();
  });
};

describeEachStorage({ pull, history });
