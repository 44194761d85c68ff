import type { Change } from '../../src/core/protocol';

/** Reads what the server really holds, as the given person, bypassing the browser and proxy. */
export async function serverVisitors(serverUrl: string, email: string, password: string): Promise<Change[]> {
  const login = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
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
