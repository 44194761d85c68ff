import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_PROTOCOL, createOp, deleteOp, pull, pullWhole, push, signup, startTestServer, updateOp, visitor, type SignedIn, type TestServer } from '../test/helpers';

let server: TestServer;
let alice: SignedIn; // workspace A
let mallory: SignedIn; // workspace B
const secretId = randomUUID();

beforeAll(async () => {
  server = await startTestServer();
  alice = await signup(server.app, { workspaceName: 'A' });
  mallory = await signup(server.app, { workspaceName: 'B' });
  await push(server.app, alice.cookie, [createOp(secretId, visitor({ name: 'Secret Lead' }))]);
});
afterAll(async () => {
  await server.close();
});

describe('workspace isolation', () => {
  it('keeps A’s visitors out of B’s pull', async () => {
    const res = await pull(server.app, mallory.cookie, 0);
    expect(res.changes).toEqual([]);
    expect(res.cursor).toBe(0);
  });

  it('does not let B update or delete A’s visitor by id', async () => {
    const { results } = await push(server.app, mallory.cookie, [
      updateOp(secretId, { name: 'Hijacked' }, { name: 'Secret Lead' }),
      deleteOp(secretId),
    ]);
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'not_found'],
      ['rejected', 'blocked_by_earlier_rejection'],
    ]);
    const alone = await push(server.app, mallory.cookie, [deleteOp(secretId)]);
    expect(alone.results[0]?.error?.code).toBe('not_found');

    const a = await pull(server.app, alice.cookie, 0);
    expect(a.changes).toEqual([expect.objectContaining({ id: secretId, rev: 1, deleted: false, data: visitor({ name: 'Secret Lead', capturedBy: alice.session.user.email }) })]);
  });

  it('does not show B the history of A’s visitor', async () => {
    const res = await server.app.inject({ method: 'GET', url: `/api/visitors/${secretId}/history`, headers: { ...CURRENT_PROTOCOL, cookie: mallory.cookie } });
    expect(res.statusCode).toBe(404);
    const own = await server.app.inject({ method: 'GET', url: `/api/visitors/${secretId}/history`, headers: { ...CURRENT_PROTOCOL, cookie: alice.cookie } });
    expect(own.statusCode).toBe(200);
  });

  it('keeps a create of the same id in B separate from A’s record', async () => {
    const { results } = await push(server.app, mallory.cookie, [createOp(secretId, visitor({ name: 'B copy' }))]);
    expect(results[0]).toMatchObject({ status: 'applied', rev: 1 });
    expect((await pullWhole(server.app, alice.cookie)).changes[0]?.data.name).toBe('Secret Lead');
    expect((await pullWhole(server.app, mallory.cookie)).changes[0]?.data.name).toBe('B copy');
  });

  it('keeps opIds per workspace: B replaying A’s opId is not a duplicate of A’s op', async () => {
    const opId = randomUUID();
    const id = randomUUID();
    await push(server.app, alice.cookie, [createOp(id, visitor(), opId)]);
    const res = await push(server.app, mallory.cookie, [createOp(randomUUID(), visitor(), opId)]);
    expect(res.results[0]?.status).toBe('applied');
  });
});
