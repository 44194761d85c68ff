import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { uniqueEmail } from '../test/helpers';
import { at, describeEachStorage, joinWorkspace, newWorkspace, range, type ContractTests, type Member } from '../test/storageContract';
import type { Storage } from './types';

/** The storage contract: invites admit one person each, are listed while open, and can be revoked. */

async function createInvite(storage: Storage, by: Member, createdHours = 0, expiresHours = 24): Promise<string> {
  const code = `INV-${randomUUID()}`;
  await storage.createInvite({ code, workspaceId: by.workspaceId, createdBy: by.userId, expiresAt: at(expiresHours) }, at(createdHours));
  return code;
}

const newcomer = () => ({ id: randomUUID(), email: uniqueEmail('joiner'), passwordHash: 'h' });

const invites: ContractTests = (storageOf) => {
  it('admits one person: the second join with the code is refused', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage, 'Hall 2');
    const code = await createInvite(storage, owner);

    const first = newcomer();
    expect(await storage.joinWorkspaceAccount(first, code, at(1))).toMatchObject({ ok: true, account: { workspace: { name: 'Hall 2' } } });
    const second = newcomer();
    expect(await storage.joinWorkspaceAccount(second, code, at(2))).toEqual({ ok: false, reason: 'invalid_invite' });
    expect(await storage.findUserByEmail(second.email)).toBeNull();
    expect(await storage.listInvites(owner.workspaceId, at(2))).toEqual([]);
  });

  it('stays open when a join with it fails, for the next person', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage);
    const code = await createInvite(storage, owner);
    expect(await storage.joinWorkspaceAccount({ ...newcomer(), email: owner.email }, code, at(1))).toEqual({
      ok: false,
      reason: 'email_taken',
    });
    expect((await storage.listInvites(owner.workspaceId, at(1))).map((i) => i.code)).toEqual([code]);
    expect(await storage.joinWorkspaceAccount(newcomer(), code, at(1))).toMatchObject({ ok: true });
  });

  it('lets exactly one of several people joining with one code at the same moment in', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage);
    const code = await createInvite(storage, owner);
    const people = range(1, 6).map(newcomer);
    const attempts = await Promise.all(people.map((person) => storage.joinWorkspaceAccount(person, code, at(1))));
    expect(attempts.map((a) => (a.ok ? 'ok' : a.reason)).sort()).toEqual(['invalid_invite', 'invalid_invite', 'invalid_invite', 'invalid_invite', 'invalid_invite', 'ok']);
    const members = await Promise.all(people.map((person) => storage.findUserByEmail(person.email)));
    expect(members.filter((m) => m !== null)).toHaveLength(1);
  });

  it('lists the open invites of one workspace, newest first, with who created them', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage, 'Listed');
    const teammate = await joinWorkspace(storage, owner);
    const older = await createInvite(storage, owner, 1, 30);
    const newer = await createInvite(storage, teammate, 2, 40);
    const used = await createInvite(storage, owner, 3);
    const expired = await createInvite(storage, owner, 4, 5);
    await storage.joinWorkspaceAccount(newcomer(), used, at(5));
    const elsewhere = await newWorkspace(storage, 'Elsewhere');
    await createInvite(storage, elsewhere, 2);

    expect(await storage.listInvites(owner.workspaceId, at(6))).toEqual([
      { code: newer, createdBy: teammate.email, createdAt: at(2), expiresAt: at(40) },
      { code: older, createdBy: owner.email, createdAt: at(1), expiresAt: at(30) },
    ]);
    expect((await storage.listInvites(owner.workspaceId, at(4.5))).map((i) => i.code)).toEqual([expired, newer, older]);
  });

  it('revokes an unused invite of its own workspace only; a revoked code admits nobody', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage);
    const other = await newWorkspace(storage, 'Other');
    const revoked = await createInvite(storage, owner);
    const kept = await createInvite(storage, owner);
    const used = await createInvite(storage, owner);
    await storage.joinWorkspaceAccount(newcomer(), used, at(1));

    expect(await storage.revokeInvite(other.workspaceId, revoked)).toBe(false);
    expect(await storage.revokeInvite(owner.workspaceId, revoked)).toBe(true);
    expect(await storage.revokeInvite(owner.workspaceId, revoked)).toBe(false);
    expect(await storage.revokeInvite(owner.workspaceId, used)).toBe(false);
    expect(await storage.revokeInvite(owner.workspaceId, 'NO-SUCH-CODE')).toBe(false);

    expect(await storage.joinWorkspaceAccount(newcomer(), revoked, at(1))).toEqual({ ok: false, reason: 'invalid_invite' });
    expect((await storage.listInvites(owner.workspaceId, at(1))).map((i) => i.code)).toEqual([kept]);
  });
};

describeEachStorage({ invites });
