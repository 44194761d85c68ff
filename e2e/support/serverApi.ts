import { attachmentPath, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/protocol';
import type { Change, HistoryEntry, SyncOp } from '../../src/core/protocol';

/** The header of a client speaking the current protocol (without it, the server answers as version 1). */
const CURRENT_PROTOCOL = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

/** What the tests sign in with when they ask the server directly, bypassing the browser and proxy. */
export interface Person {
  email: string;
  password: string;
}

/** A session cookie for `person`, straight from the server. */
export async function serverCookie(serverUrl: string, person: Person): Promise<string> {
  const login = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  return login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Reads what the server really holds, as the given person. */
export async function serverVisitors(serverUrl: string, email: string, password: string): Promise<Change[]> {
  const cookie = await serverCookie(serverUrl, { email, password });
  const changes: Change[] = [];
  let since = 0;
  for (;;) {
    const answer = await fetch(`${serverUrl}/api/sync/pull?since=${since}&limit=1000`, { headers: { cookie, ...CURRENT_PROTOCOL } });
    const page = (await answer.json()) as { changes: Change[]; cursor: number; hasMore: boolean };
    changes.push(...page.changes);
    since = page.cursor;
    if (!page.hasMore) return changes.filter((c) => !c.deleted);
  }
}

/** The attachment as the server holds it. */
export async function serverAttachment(serverUrl: string, person: Person, hash: string) {
  const answer = await fetch(`${serverUrl}${attachmentPath(hash)}`, { headers: { cookie: await serverCookie(serverUrl, person) } });
  return { status: answer.status, type: answer.headers.get('content-type'), bytes: Buffer.from(await answer.arrayBuffer()) };
}

/** A new invite code to `person`'s workspace. */
export async function serverInvite(serverUrl: string, person: Person): Promise<string> {
  const answer = await fetch(`${serverUrl}/api/workspace/invites`, {
    method: 'POST',
    headers: { cookie: await serverCookie(serverUrl, person), 'content-type': 'application/json' },
    body: '{}',
  });
  if (answer.status !== 201) throw new Error(`invite failed: ${answer.status}`);
  return ((await answer.json()) as { code: string }).code;
}

/** Who the server's history says made each change of a visitor (newest first); null: it has no such visitor. */
export async function serverHistoryAuthors(serverUrl: string, person: Person, id: string): Promise<(string | null)[] | null> {
  return (await serverHistory(serverUrl, person, id))?.map((e) => e.by) ?? null;
}

/** A visitor's history as the server holds it (newest first); null: it has no such visitor. */
export async function serverHistory(serverUrl: string, person: Person, id: string): Promise<HistoryEntry[] | null> {
  const answer = await fetch(`${serverUrl}/api/visitors/${id}/history`, { headers: { cookie: await serverCookie(serverUrl, person), ...CURRENT_PROTOCOL } });
  if (answer.status === 404) return null;
  return ((await answer.json()) as { entries: HistoryEntry[] }).entries;
}

/** Pushes `ops` as a current client would, and returns the per-op statuses. */
export async function serverPush(serverUrl: string, person: Person, ops: SyncOp[]): Promise<string[]> {
  const answer = await fetch(`${serverUrl}/api/sync/push`, {
    method: 'POST',
    headers: { cookie: await serverCookie(serverUrl, person), 'content-type': 'application/json', ...CURRENT_PROTOCOL },
    body: JSON.stringify({ clientId: 'e2e-seed', ops }),
  });
  if (answer.status !== 200) throw new Error(`push failed: ${answer.status}`);
  return ((await answer.json()) as { results: { status: string }[] }).results.map((r) => r.status);
}

/** The session (user and workspace) of `person`. */
export async function serverSession(serverUrl: string, person: Person): Promise<{ user: { id: string; email: string }; workspace: { id: string; name: string } }> {
  const answer = await fetch(`${serverUrl}/api/auth/me`, { headers: { cookie: await serverCookie(serverUrl, person) } });
  return (await answer.json()) as { user: { id: string; email: string }; workspace: { id: string; name: string } };
}

/** Every record of the workspace (tombstones too) and the workspace's revision, read with a session cookie. */
export async function serverState(serverUrl: string, cookie: string): Promise<{ changes: Change[]; cursor: number }> {
  const changes: Change[] = [];
  let since = 0;
  for (;;) {
    const answer = await fetch(`${serverUrl}/api/sync/pull?since=${since}&limit=5000`, { headers: { cookie, ...CURRENT_PROTOCOL } });
    if (answer.status !== 200) throw new Error(`pull failed: ${answer.status}`);
    const page = (await answer.json()) as { changes: Change[]; cursor: number; hasMore: boolean };
    changes.push(...page.changes);
    since = page.cursor;
    // The server keeps current records, so the last revision of them all is the workspace's.
    if (!page.hasMore) return { changes, cursor: since };
  }
}
