import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { uniqueEmail } from '../test/helpers';
import { at, describeEachStorage, newWorkspace, range, type ContractTests } from '../test/storageContract';

/** The storage contract: accounts, invites and sessions. */

const accounts: ContractTests = (storageOf) => {
  it('creates a workspace with its first member, found by email', async () => {
    const storage = storageOf();
    const user = { id: randomUUID(), email: uniqueEmail(), passwordHash: 'scrypt$abc' };
    const workspace = { id: randomUUID(), name: 'Hall 4' };
    expect(await storage.createWorkspaceAccount(user, workspace, at())).toEqual({
      ok: true,
      account: { user: { id: user.id, email: user.email }, workspace },
    });
    expect(await storage.findUserByEmail(user.email)).toEqual({
      id: user.id,
      email: user.email,
      passwordHash: 'scrypt$abc',
      workspaceId: workspace.id,
      workspaceName: 'Hall 4',
    });
    expect(await storage.findUserByEmail(uniqueEmail('nobody'))).toBeNull();
  });

  it('refuses a second account with an email already taken, leaving the first alone', async () => {
    const storage = storageOf();
    const first = await newWorkspace(storage, 'First');
    const again = await storage.createWorkspaceAccount(
      { id: randomUUID(), email: first.email, passwordHash: 'other' },
      { id: randomUUID(), name: 'Second' },
      at(),
    );
    expect(again).toEqual({ ok: false, reason: 'email_taken' });
    expect(await storage.findUserByEmail(first.email)).toMatchObject({ id: first.userId, workspaceName: 'First' });
  });

  it('gives an email to exactly one of several accounts created at the same moment', async () => {
    const storage = storageOf();
    const email = uniqueEmail('race');
    const owner = await newWorkspace(storage);
    // One invite per join, as invites are single-use: only the email is contended.
    const codes = range(1, 4).map(() => `INV-${randomUUID()}`);
    for (const code of codes) {
      await storage.createInvite({ code, workspaceId: owner.workspaceId, createdBy: owner.userId, expiresAt: at(1) }, at());
    }
    const attempts = await Promise.all([
      ...range(1, 4).map(() =>
        storage.createWorkspaceAccount({ id: randomUUID(), email, passwordHash: 'h' }, { id: randomUUID(), name: 'W' }, at()),
      ),
      ...codes.map((code) => storage.joinWorkspaceAccount({ id: randomUUID(), email, passwordHash: 'h' }, code, at())),
    ]);
    expect(attempts.map((a) => (a.ok ? 'ok' : a.reason)).sort()).toEqual([...Array(7).fill('email_taken'), 'ok']);
  });

  it('joins the workspace of an invite until it expires', async () => {
    const storage = storageOf();
    const owner = await newWorkspace(storage, 'Expo');
    const invite = async () => {
      const code = `INV-${randomUUID()}`;
      await storage.createInvite({ code, workspaceId: owner.workspaceId, createdBy: owner.userId, expiresAt: at(24) }, at());
      return code;
    };
    const newcomer = () => ({ id: randomUUID(), email: uniqueEmail('joiner'), passwordHash: 'h' });

    const user = newcomer();
    expect(await storage.joinWorkspaceAccount(user, await invite(), at(23))).toEqual({
      ok: true,
      account: { user: { id: user.id, email: user.email }, workspace: { id: owner.workspaceId, name: 'Expo' } },
    });
    expect(await storage.findUserByEmail(user.email)).toMatchObject({ workspaceId: owner.workspaceId, workspaceName: 'Expo' });

    const late = newcomer();
    expect(await storage.joinWorkspaceAccount(late, await invite(), at(24))).toEqual({ ok: false, reason: 'invalid_invite' });
    expect(await storage.findUserByEmail(late.email)).toBeNull();
    expect(await storage.joinWorkspaceAccount(newcomer(), 'NO-SUCH-CODE', at())).toEqual({ ok: false, reason: 'invalid_invite' });
    expect(await storage.joinWorkspaceAccount({ ...newcomer(), email: owner.email }, await invite(), at())).toEqual({
      ok: false,
      reason: 'email_taken',
    });
  });
};

const sessions: ContractTests = (storageOf) => {
  it('finds a session by token hash, expired or not, until it is deleted', async () => {
    const storage = storageOf();
    const member = await newWorkspace(storage, 'Sessions');
    const live = { tokenHash: randomUUID(), userId: member.userId, workspaceId: member.workspaceId, expiresAt: at(720) };
    const expired = { ...live, tokenHash: randomUUID(), expiresAt: at(-1) };
    await storage.createSession(live, at());
    await storage.createSession(expired, at());

    const expected = { userId: member.userId, email: member.email, workspaceId: member.workspaceId, workspaceName: 'Sessions' };
    expect(await storage.findSession(live.tokenHash)).toEqual({ ...expected, expiresAt: at(720) });
    expect(await storage.findSession(expired.tokenHash)).toEqual({ ...expected, expiresAt: at(-1) });
    await storage.deleteSession(live.tokenHash);
    expect(await storage.findSession(live.tokenHash)).toBeNull();
    expect(await storage.findSession(expired.tokenHash)).not.toBeNull();
    expect(await storage.findSession('unknown')).toBeNull();
  });
};

describeEachStorage({ accounts, sessions });
