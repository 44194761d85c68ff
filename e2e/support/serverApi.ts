import { attachmentPath } from '../../src/core/protocol';
import type { Change } from '../../src/core/protocol';

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
    const answer = await fetch(`${serverUrl}/api/sync/pull?since=${since}&limit=1000`, { headers: { cookie } });
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
  const answer = await fetch(`${serverUrl}/api/visitors/${id}/history`, { headers: { cookie: await serverCookie(serverUrl, person) } });
  if (answer.status === 404) return null;
  const body = (await answer.json()) as { entries: { by: string | null }[] };
  return body.entries.map((e) => e.by);
}
