import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AttachmentType } from '../../src/core/protocol';
import { createOp, deleteOp, updateOp, visitor } from '../test/helpers';
import { at, describeEachStorage, newWorkspace, pushOps, type ContractTests } from '../test/storageContract';
import { ATTACHMENT_GRACE_MS, graceCutoff } from './attachments';

/** The storage contract: attachments, stored by workspace and hash, and collected when nobody references them. */

const HOURS_OF_GRACE = ATTACHMENT_GRACE_MS / (60 * 60 * 1000);

function photo(type: AttachmentType = 'image/jpeg', size = 2048) {
  const bytes = randomBytes(size);
  return { hash: createHash('sha256').update(bytes).digest('hex'), type, bytes };
}

/** What a collector running at `hours` would remove. */
const collectAt = (hours: number) => graceCutoff(at(hours));

const storing: ContractTests = (storageOf) => {
  it('stores bytes and type under the workspace and hash, and answers them back', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const png = photo('image/png', 300_000);
    expect(await storage.putAttachment(member.workspaceId, png, at())).toEqual({ stored: true });
    const found = await storage.getAttachment(member.workspaceId, png.hash);
    expect(found?.type).toBe('image/png');
    expect(found && Buffer.compare(found.bytes, png.bytes)).toBe(0);
    expect(await storage.getAttachment(member.workspaceId, photo().hash)).toBeNull();
  });

  it('answers stored: false for bytes the workspace has, and keeps the first upload as it was', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const jpeg = photo('image/jpeg');
    await storage.putAttachment(member.workspaceId, jpeg, at(0));
    expect(await storage.putAttachment(member.workspaceId, { ...jpeg, type: 'image/webp' }, at(1))).toEqual({ stored: false });
    expect((await storage.getAttachment(member.workspaceId, jpeg.hash))?.type).toBe('image/jpeg');
    // Nothing was written: the upload time is still the first one, so it goes when that one is old.
    expect(await storage.collectAttachments(member.workspaceId, at(0.5))).toBe(1);
  });

  it('keeps each workspace’s copy apart: the same bytes in B are B’s own, and A’s hash means nothing to B', async () => {
    const storage = storageOf();
    const [a, b] = [await newWorkspace(storage, 'A'), await newWorkspace(storage, 'B')];
    const shared = photo();
    await storage.putAttachment(a.workspaceId, shared, at());
    expect(await storage.getAttachment(b.workspaceId, shared.hash)).toBeNull();
    expect(await storage.putAttachment(b.workspaceId, { ...shared, type: 'image/png' }, at())).toEqual({ stored: true });
    expect((await storage.getAttachment(b.workspaceId, shared.hash))?.type).toBe('image/png');
    expect((await storage.getAttachment(a.workspaceId, shared.hash))?.type).toBe('image/jpeg');
  });

  it('renews a copy old enough to be collected when it is uploaded again, so the op that follows finds it', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const old = photo();
    await storage.putAttachment(member.workspaceId, old, at(0));
    const later = HOURS_OF_GRACE + 6;
    expect(await storage.putAttachment(member.workspaceId, old, at(later))).toEqual({ stored: false });
    expect(await storage.collectAttachments(member.workspaceId, collectAt(later + 1))).toBe(0);
    expect(await storage.getAttachment(member.workspaceId, old.hash)).not.toBeNull();
    expect(await storage.collectAttachments(member.workspaceId, collectAt(later + HOURS_OF_GRACE + 1))).toBe(1);
  });
};

const collecting: ContractTests = (storageOf) => {
  it('removes only what is old and referenced by no live record: kept, young, old, a tombstone’s, a replaced one', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage);
    const [referenced, young, orphan, ofTombstone, replaced, replacement] = [photo(), photo(), photo(), photo(), photo(), photo()];
    for (const p of [referenced, orphan, ofTombstone, replaced]) await storage.putAttachment(member.workspaceId, p, at(0));
    await storage.putAttachment(member.workspaceId, replacement, at(1));
    const [kept, deleted, edited] = [randomUUID(), randomUUID(), randomUUID()];
    await pushOps(storage, member, [
      createOp(kept, visitor({ cardPhoto: referenced.hash })),
      createOp(deleted, visitor({ cardPhoto: ofTombstone.hash })),
      createOp(edited, visitor({ cardPhoto: replaced.hash })),
    ]);
    await pushOps(storage, member, [deleteOp(deleted), updateOp(edited, { cardPhoto: replacement.hash }, { cardPhoto: replaced.hash })]);
    const now = HOURS_OF_GRACE + 2;
    await storage.putAttachment(member.workspaceId, young, at(now - 1)); // uploaded before its op arrives

    expect(await storage.collectAttachments(member.workspaceId, collectAt(now))).toBe(3);
    const left = async (p: { hash: string }) => (await storage.getAttachment(member.workspaceId, p.hash)) !== null;
    expect(await Promise.all([referenced, young, orphan, ofTombstone, replaced, replacement].map(left))).toEqual([
      true, // a live visitor's photo
      true, // nobody's yet, but young
      false, // nobody's, old
      false, // a deleted visitor's (the tombstone keeps its data, not its photo)
      false, // no longer the visitor's photo
      true, // the visitor's new photo
    ]);
    expect(await storage.collectAttachments(member.workspaceId, collectAt(now))).toBe(0);
  });

  it('counts a photo referenced in another workspace as unreferenced here, and leaves other workspaces alone', async () => {
    const storage = storageOf();
    const [a, b] = [await newWorkspace(storage, 'A'), await newWorkspace(storage, 'B')];
    const shared = photo();
    const onlyB = photo();
    await storage.putAttachment(a.workspaceId, shared, at(0));
    await storage.putAttachment(b.workspaceId, shared, at(0));
    await storage.putAttachment(b.workspaceId, onlyB, at(0));
    await pushOps(storage, b, [createOp(randomUUID(), visitor({ cardPhoto: shared.hash }))]);

    const later = collectAt(HOURS_OF_GRACE + 1);
    expect(await storage.collectAttachments(a.workspaceId, later)).toBe(1); // B's visitor keeps only B's copy
    expect(await storage.getAttachment(a.workspaceId, shared.hash)).toBeNull();
    expect(await storage.getAttachment(b.workspaceId, shared.hash)).not.toBeNull();
    expect(await storage.getAttachment(b.workspaceId, onlyB.hash)).not.toBeNull(); // A's run never looks at B
  });

  it('collects in every workspace when given none', async () => {
    const storage = storageOf();
    const [a, b] = [await newWorkspace(storage, 'A'), await newWorkspace(storage, 'B')];
    const [ofA, ofB, keptInB] = [photo(), photo(), photo()];
    await storage.putAttachment(a.workspaceId, ofA, at(0));
    await storage.putAttachment(b.workspaceId, ofB, at(0));
    await storage.putAttachment(b.workspaceId, keptInB, at(0));
    await pushOps(storage, b, [createOp(randomUUID(), visitor({ cardPhoto: keptInB.hash }))]);

    // Other tests' workspaces share this storage: count only what these two lose.
    await storage.collectAttachments(null, collectAt(HOURS_OF_GRACE + 1));
    expect(await storage.getAttachment(a.workspaceId, ofA.hash)).toBeNull();
    expect(await storage.getAttachment(b.workspaceId, ofB.hash)).toBeNull();
    expect(await storage.getAttachment(b.workspaceId, keptInB.hash)).not.toBeNull();
  });
};

describeEachStorage({ 'attachments: storing': storing, 'attachments: collecting': collecting });
