/** Accounts and sessions for the server bench, written straight into storage before the server starts. */
import { randomUUID } from 'node:crypto';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../../server/auth/sessionToken';
import type { NewUser, Storage } from '../../server/storage/types';

export interface BenchClient {
  email: string;
  workspaceId: string;
  cookie: string;
}

/** `teams` workspaces of `perTeam` people each, every one with a live session. */
export async function seedClients(storage: Storage, teams: number, perTeam: number): Promise<BenchClient[]> {
  const at = new Date().toISOString();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
  const clients: BenchClient[] = [];
  for (let t = 0; t < teams; t++) {
    const workspace = { id: randomUUID(), name: `Bench team ${t + 1}` };
    let founder = '';
    for (let p = 0; p < perTeam; p++) {
      // Nobody signs in with a password here, so no real hash is needed.
      const user = { id: randomUUID(), email: `bench-${t}-${p}@example.com`, passwordHash: 'bench:no-password' };
      founder ||= user.id;
      const created =
        p === 0 ? await storage.createWorkspaceAccount(user, workspace, at) : await join(storage, user, workspace.id, founder, at);
      if (!created.ok) throw new Error(`seeding ${user.email}: ${created.reason}`);
      const token = newSessionToken();
      await storage.createSession({ tokenHash: hashSessionToken(token), userId: user.id, workspaceId: workspace.id, expiresAt }, at);
      clients.push({ email: user.email, workspaceId: workspace.id, cookie: `${SESSION_COOKIE}=${token}` });
    }
  }
  return clients;
}

async function join(storage: Storage, user: NewUser, workspaceId: string, invitedBy: string, at: string) {
  const code = `BENCH${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  const expiresAt = new Date(Date.now() + 60_000).toISOString();
  await storage.createInvite({ code, workspaceId, createdBy: invitedBy, expiresAt }, at);
  return storage.joinWorkspaceAccount(user, code, at);
}
