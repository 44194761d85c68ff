/** Seeding a server with many visitors fast, through the push API from Node (the pull bench, e2e first-pull.spec.ts). */
import { v7 as uuidv7 } from 'uuid';
import { emptyVisitor, MAX_OPS_PER_PUSH, PROTOCOL_HEADER, PROTOCOL_VERSION, type SyncOp, type VisitorData } from '../../src/core/protocol';
import { serverCookie, type Person } from './serverApi';

/** Signs `account` up, with a new workspace, straight at the server at `serverUrl`. */
export async function signUpByApi(serverUrl: string, account: Person & { workspaceName: string }): Promise<void> {
  const res = await fetch(`${serverUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (!res.ok) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
}

/**
 * `count` visitors created as devices create them (UUIDv7 ids, in time order), pushed in
 * 500-op batches as a current client would; fails unless every op is applied.
 */
export async function seedVisitors(serverUrl: string, person: Person, count: number): Promise<void> {
  const cookie = await serverCookie(serverUrl, person);
  const now = new Date();
  for (let start = 0; start < count; start += MAX_OPS_PER_PUSH) {
    const ops: SyncOp[] = Array.from({ length: Math.min(MAX_OPS_PER_PUSH, count - start) }, (_, k) => ({
      opId: uuidv7(),
      collection: 'visitors' as const,
      id: uuidv7(),
      kind: 'create' as const,
      data: seededVisitor(start + k, now),
    }));
    const res = await fetch(`${serverUrl}/api/sync/push`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify({ clientId: 'bench-seed', ops }),
    });
    if (!res.ok) throw new Error(`seed push answered ${res.status}`);
    const { results } = (await res.json()) as { results: { status: string }[] };
    const refused = results.find((r) => r.status !== 'applied');
    if (refused) throw new Error(`seed op not applied: ${JSON.stringify(refused)}`);
  }
}

/** Visitor `i`: the fields `outpostQA.createVisitors` fills (src/app/qaHooks.ts), and a rating. */
function seededVisitor(i: number, now: Date): VisitorData {
  return {
    ...emptyVisitor(now),
    name: `Visitor ${i}`,
    company: `Company ${i % 97}`,
    email: `visitor${i}@example.com`,
    title: 'Buyer',
    interests: ['demo'],
    notes: 'Met at the booth',
    rating: i % 6,
  };
}
