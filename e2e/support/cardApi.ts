import { attachmentPath } from '../../src/core/protocol';

/** The attachment as the server holds it, fetched with the person's session cookie (no browser, no proxy). */
export async function serverAttachment(serverUrl: string, person: { email: string; password: string }, hash: string) {
  const login = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const answer = await fetch(`${serverUrl}${attachmentPath(hash)}`, { headers: { cookie } });
  return { status: answer.status, type: answer.headers.get('content-type'), bytes: Buffer.from(await answer.arrayBuffer()) };
}
