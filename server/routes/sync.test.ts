import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, historyResponseSchema, MAX_PUSH_BYTES, pushResponseSchema } from '../../src/core/protocol';
import {
  CURRENT_PROTOCOL,
  createOp,
  deleteOp,
  pull,
  push,
  signup,
  serverWithOnePerson,
  updateOp,
  visitor,
  type SignedIn,
  type TestServer,
} from '../test/helpers';

let server: TestServer, ann: SignedIn;
beforeAll(async () => ({ server, ann } = await serverWithOnePerson()));
afterAll(() => server.close());

/** A fresh workspace per test keeps cursors and revisions easy to reason about. */
const newWorkspace = () => signup(server.app);

const rawPush = (cookie: string, payload: string, contentType = 'application/json') =>
  server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...CURRENT_PROTOCOL, cookie, 'content-type': contentType }, payload });

describe('push', () => {
  it('applies creates, stamps them with server revisions and the author, and pulls them back', async () => {
    const { cookie, session } = await newWorkspace();
    const a = randomUUID();
    const b = randomUUID();
    const res = await push(server.app, cookie, [createOp(a, visitor()), createOp(b, visitor({ name: 'Grace Hopper' }))]);
    expect(res.results.map((r) => [r.status, r.rev])).toEqual([
      ['applied', 1],
      ['applied', 2],
    ]);
    // Compact (protocol 4): the client sent the data, so only what the server stamped comes back.
    expect(res.results[1]).not.toHaveProperty('record');
    expect(res.results[1]?.patch).toEqual({ capturedBy: session.user.email });
    expect(res.cursor).toBe(2);

    const changes = (await pull(server.app, cookie)).changes;
    expect(changes.map((c) => [c.id, c.rev, c.deleted, c.updatedBy])).toEqual([
      [a, 1, false, session.user.email],
      [b, 2, false, session.user.email],
    ]);
    expect(Math.abs(Date.parse(changes[0]!.updatedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('applies a replayed batch once and answers duplicate the second time', async () => {
    const { cookie, session } = await newWorkspace();
    const capturedBy = session.user.email;
    const a = randomUUID();
    const batch = [createOp(a, visitor()), updateOp(a, { rating: 5 }, { rating: 4 })];
    const first = await push(server.app, cookie, batch);
    const second = await push(server.app, cookie, batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(second.results.map((r) => r.rev)).toEqual(first.results.map((r) => r.rev));
    expect(second.results[1]?.record).toEqual(visitor({ rating: 5, capturedBy }));
    expect(second.cursor).toBe(first.cursor);

    const { changes } = await pull(server.app, cookie);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ rev: 2, data: visitor({ rating: 5, capturedBy }) });
    const history = await server.app.inject({ method: 'GET', url: `/api/visitors/${a}/history`, headers: { ...CURRENT_PROTOCOL, cookie } });
    expect(history.json().entries).toHaveLength(2);
  });

  it('deletes into a tombstone that pulls with its last data', async () => {
    const { cookie, session } = await newWorkspace();
    const a = randomUUID();
    await push(server.app, cookie, [createOp(a, visitor())]);
    const { results } = await push(server.app, cookie, [deleteOp(a, { name: 'Ada Lovelace' })]);
    expect(results[0]).toMatchObject({ status: 'applied', rev: 2, deleted: true, record: null });

    const after = await pull(server.app, cookie, 1);
    expect(after.changes).toEqual([expect.objectContaining({ id: a, rev: 2, deleted: true, data: visitor({ capturedBy: session.user.email }) })]);

    const again = await push(server.app, cookie, [deleteOp(a)]);
    expect(again.results[0]).toMatchObject({ status: 'applied', rev: 2, deleted: true });
    expect(again.cursor).toBe(2);
  });
});

describe('push: conflicts', () => {
  it('keeps a stale edit of the same field as a conflict, applying the other field', async () => {
    const owner = await newWorkspace();
    const code = (await server.app.inject({ method: 'POST', url: '/api/workspace/invites', headers: { ...CURRENT_PROTOCOL, cookie: owner.cookie } })).json().code;
    const bob = await signup(server.app, { inviteCode: code });
    const a = randomUUID();
    await push(server.app, owner.cookie, [createOp(a, visitor())]);
    // Bob changes the title first...
    await push(server.app, bob.cookie, [updateOp(a, { title: 'CTO' }, { title: 'Engineer' })]);
    // ...then the owner, offline since, changes title and phone from the old values.
    const stale = updateOp(a, { title: 'CEO', phone: '+1 555 0100' }, { title: 'Engineer', phone: '+44 20 7946 0000' });
    const [result] = (await push(server.app, owner.cookie, [stale])).results;
    expect(result).toMatchObject({
      status: 'conflict',
      rev: 3,
      record: visitor({ title: 'CTO', phone: '+1 555 0100', capturedBy: owner.session.user.email }),
      conflict: { kind: 'update-update', fields: ['title'], theirs: { title: 'CTO' }, theirsBy: bob.session.user.email },
    });
    expect(result?.conflict?.theirsAt).toEqual(expect.any(String));

    const replay = (await push(server.app, owner.cookie, [stale])).results[0];
    expect(replay).toMatchObject({ status: 'duplicate', rev: 3, conflict: { kind: 'update-update', fields: ['title'] } });
  });

  it('reports an update of a deleted visitor as update-delete', async () => {
    const { cookie, session } = await newWorkspace();
    const a = randomUUID();
    await push(server.app, cookie, [createOp(a, visitor()), deleteOp(a)]);
    const [result] = (await push(server.app, cookie, [updateOp(a, { rating: 1 }, { rating: 4 })])).results;
    expect(result).toMatchObject({ status: 'conflict', deleted: true, conflict: { kind: 'update-delete', theirs: visitor({ capturedBy: session.user.email }) } });
  });
});

describe('push: bad input', () => {
  it('rejects an invalid op alone, and later ops on the same visitor with it', async () => {
    const { cookie } = await newWorkspace();
    const a = randomUUID();
    const b = randomUUID();
    const { results, cursor } = await push(server.app, cookie, [
      createOp(a, visitor({ email: 'ada@@example' })),
      createOp(b, visitor()),
      updateOp(a, { rating: 2 }, { rating: 4 }),
      updateOp(b, { rating: 2 }, { rating: 4 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'applied', 'rejected', 'applied']);
    expect(results[0]?.error).toEqual({ code: 'invalid', message: 'Email is not a valid address', field: 'email' });
    expect(results[2]?.error?.code).toBe('blocked_by_earlier_rejection');
    expect(cursor).toBe(2);
    expect((await pull(server.app, cookie)).changes.map((c) => c.id)).toEqual([b]);
  });

  it('answers 400 bad_request for malformed JSON', async () => {
    const res = await rawPush(ann.cookie, '{"clientId": "x", "ops": [');
    expect(res.statusCode).toBe(400);
    expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('bad_request');
  });

  it('answers 400 for a malformed envelope, naming where', async () => {
    const res = await rawPush(ann.cookie, JSON.stringify({ clientId: 'x', ops: [{ opId: 'nope', collection: 'visitors', id: randomUUID(), kind: 'create' }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^ops\.0\.opId: /);
  });

  it('answers 413 payload_too_large for a body over 1 MiB', async () => {
    const notes = 'x'.repeat(9_000);
    const ops = Array.from({ length: 150 }, () => createOp(randomUUID(), visitor({ notes })));
    const payload = JSON.stringify({ clientId: 'x', ops });
    expect(payload.length).toBeGreaterThan(MAX_PUSH_BYTES + 64 * 1024);
    const res = await rawPush(ann.cookie, payload);
    expect(res.statusCode).toBe(413);
    expect(apiErrorBodySchema.parse(res.json()).error.code).toBe('payload_too_large');
    expect((await pull(server.app, ann.cookie)).changes).toHaveLength(0);
  });

  it('answers 413 too_many_ops for 501 ops, and accepts 500', async () => {
    const { cookie } = await newWorkspace();
    const ops = Array.from({ length: 501 }, () => createOp(randomUUID(), visitor()));
    const res = await rawPush(cookie, JSON.stringify({ clientId: 'x', ops }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'too_many_ops', message: 'A push may carry at most 500 operations; this one has 501' });

    const ok = await rawPush(cookie, JSON.stringify({ clientId: 'x', ops: ops.slice(0, 500) }));
    expect(ok.statusCode).toBe(200);
    expect(pushResponseSchema.parse(ok.json()).cursor).toBe(500);
  });

  it('needs a session', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: CURRENT_PROTOCOL, payload: { clientId: 'x', ops: [] } });
    expect(res.statusCode).toBe(401);
  });
});

describe('pull', () => {
  it('pages through every change by cursor without missing any', async () => {
    const { cookie } = await newWorkspace();
    const ids = Array.from({ length: 25 }, () => randomUUID());
    await push(server.app, cookie, ids.map((id, i) => createOp(id, visitor({ rating: i % 6 }))));

    const seen: string[] = [];
    const pages: [boolean, number | undefined][] = [];
    let cursor = 0;
    for (let page = 0; page < 10; page += 1) {
      const res = await pull(server.app, cookie, cursor, 10);
      seen.push(...res.changes.map((c) => c.id));
      pages.push([res.hasMore, res.remaining]);
      cursor = res.cursor;
      if (!res.hasMore) break;
    }
    // `remaining` counts the changes after each page, for a progress bar.
    expect(pages).toEqual([[true, 15], [true, 5], [false, 0]]);
    expect(seen).toEqual(ids);
    expect(cursor).toBe(25);

    const nothingNew = await pull(server.app, cookie, cursor, 10);
    expect(nothingNew).toEqual({ changes: [], cursor: 25, hasMore: false, remaining: 0 });
  });

  it('sends a record changed after the cursor again, once, at its new revision', async () => {
    const { cookie } = await newWorkspace();
    const a = randomUUID();
    const b = randomUUID();
    await push(server.app, cookie, [createOp(a, visitor()), createOp(b, visitor())]);
    const first = await pull(server.app, cookie);
    await push(server.app, cookie, [updateOp(a, { rating: 0 }, { rating: 4 })]);
    const next = await pull(server.app, cookie, first.cursor);
    expect(next.changes).toEqual([expect.objectContaining({ id: a, rev: 3, data: expect.objectContaining({ rating: 0 }) })]);
    // Asked compact (the device finished a pull at the cursor): only the changed field travels, over the version at rev 1.
    const compact = await pull(server.app, cookie, first.cursor, undefined, { compact: true });
    expect(compact.changes).toEqual([expect.objectContaining({ id: a, rev: 3, deleted: false, baseRev: 1, patch: { rating: 0 } })]);
    expect(compact.changes[0]).not.toHaveProperty('data');
  });

  it('answers 400 for a bad limit', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/sync/pull?limit=50000', headers: { ...CURRENT_PROTOCOL, cookie: ann.cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });
});

describe('history', () => {
  it('lists who changed what, newest first', async () => {
    const { cookie, session } = await newWorkspace();
    const a = randomUUID();
    await push(server.app, cookie, [createOp(a, visitor()), updateOp(a, { company: 'IBM' }, { company: 'Analytical Engines' }), deleteOp(a)]);
    const res = await server.app.inject({ method: 'GET', url: `/api/visitors/${a}/history`, headers: { ...CURRENT_PROTOCOL, cookie } });
    expect(res.statusCode).toBe(200);
    const { entries } = res.json();
    expect(entries.map((e: { rev: number; kind: string }) => [e.rev, e.kind])).toEqual([
      [3, 'delete'],
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(entries[1]).toMatchObject({ by: session.user.email, changes: { company: { from: 'Analytical Engines', to: 'IBM' } } });
    expect(entries[2].changes.name).toEqual({ from: null, to: 'Ada Lovelace' });
  });

  it('pages a long history, newest first: at most limit entries before a revision, with where to go on from', async () => {
    const { cookie } = await newWorkspace();
    const a = randomUUID();
    const edits = Array.from({ length: 120 }, (_, i) => updateOp(a, { rating: (i + 1) % 6 }, { rating: i % 6 }));
    await push(server.app, cookie, [createOp(a, visitor({ rating: 0 })), ...edits]);
    const page = async (query: string) => {
      const res = await server.app.inject({ method: 'GET', url: `/api/visitors/${a}/history${query}`, headers: { ...CURRENT_PROTOCOL, cookie } });
      expect(res.statusCode).toBe(200);
      return historyResponseSchema.parse(res.json());
    };

    const first = await page('');
    expect([first.entries.length, first.entries[0]?.rev, first.entries.at(-1)?.rev, first.hasMore, first.nextBefore]).toEqual([50, 121, 72, true, 72]);
    const second = await page(`?before=${first.nextBefore}&limit=60`);
    expect([second.entries[0]?.rev, second.entries.at(-1)?.rev, second.hasMore, second.nextBefore]).toEqual([71, 12, true, 12]);
    const last = await page(`?before=${second.nextBefore}&limit=60`);
    expect([last.entries.map((e) => e.rev), last.hasMore, last.nextBefore]).toEqual([[11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], false, null]);
    expect(last.entries.at(-1)?.kind).toBe('create');
  });

  it('answers 404 for an unknown visitor', async () => {
    const res = await server.app.inject({ method: 'GET', url: `/api/visitors/${randomUUID()}/history`, headers: { ...CURRENT_PROTOCOL, cookie: ann.cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
