import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISITOR_FIELDS } from '../../src/core/protocol';
import { CURRENT_PROTOCOL, createOp, deleteOp, serverWithOnePerson, updateOp, visitor, type SignedIn, type TestServer } from '../test/helpers';

/*
 * Random input in every field the wire carries — push ops, pull queries, history ids — on
 * SQLite and, through `npm run test:server:postgres`, on PostgreSQL. Whatever comes in, the
 * answer is 200, 400, 404 (an unknown visitor's history), 413 or 422, never a 5xx; and when a
 * push is answered 200, the valid ops beside the random one are applied.
 */

let server: TestServer, ann: SignedIn;
beforeAll(async () => ({ server, ann } = await serverWithOnePerson()));
afterAll(() => server.close());

const ANSWERS = [200, 400, 404, 413, 422];

const nastyChar = fc.constantFrom(
  '\u0000', '\u0007', '\t', '\n', '\r', '\u007f', '\u0085', '\u009f', '\u202a', '\u202e', '\u2066', '\u2069',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ufeff', '\ufffd', '\u2028', '🦊', '"', '\\', '%', '/', '?', '#', '&', '=', ' ',
);
const nastyString = fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 24 }).map((parts) => parts.join(''));
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, 1e21, -0, 0.5, -1);
const anyValue = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyString.map((text) => `${text}\u0000`) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(20_000)) },
);

/** Every byte percent-encoded, so that any bytes at all (invalid UTF-8 too) reach the router. */
const percentEncoded = (bytes: Uint8Array) => Array.from(bytes, (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
/** A path segment: random text as UTF-8, random bytes, or a UUID (most likely unknown: 404). */
const pathSegment = fc.oneof(
  nastyString.filter((text) => text !== '').map((text) => percentEncoded(Buffer.from(text))),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map(percentEncoded),
  fc.uuid(),
);

/** Where in a push to put the random value: the request's clientId, or a path in one op. */
const target = fc.oneof(
  fc.constantFrom(['clientId'], ['op', 'opId'], ['op', 'collection'], ['op', 'id'], ['op', 'kind'], ['op', 'data'], ['op', 'patch'], ['op', 'base']),
  fc.constantFrom(...VISITOR_FIELDS.flatMap((field) => [['op', 'data', field], ['op', 'patch', field], ['op', 'base', field]])),
);
const opKind = fc.constantFrom('create', 'update', 'delete');

function opOf(kind: string): Record<string, unknown> {
  const id = randomUUID();
  if (kind === 'create') return createOp(id, visitor());
  if (kind === 'update') return updateOp(id, { rating: 1 }, { rating: 4 });
  return deleteOp(id, { rating: 4 });
}

function withValue(op: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [key, field] = path as [string, string | undefined];
  if (field === undefined) return { ...op, [key]: value };
  const inner = typeof op[key] === 'object' && op[key] !== null ? (op[key] as Record<string, unknown>) : {};
  return { ...op, [key]: { ...inner, [field]: value } };
}

describe('random input on the wire', () => {
  it('push: never a 5xx, and a 200 applies the valid ops beside the random one', async () => {
    await fc.assert(
      fc.asyncProperty(target, opKind, anyValue, async ([where, ...path], kind, value) => {
        const before = createOp(randomUUID(), visitor());
        const after = createOp(randomUUID(), visitor());
        const random = where === 'op' ? withValue(opOf(kind), path, value) : opOf(kind);
        const body = { clientId: where === 'clientId' ? value : 'fuzz-client', ops: [before, random, after] };
        const res = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...CURRENT_PROTOCOL, cookie: ann.cookie }, payload: body });
        expect(ANSWERS).toContain(res.statusCode);
        if (res.statusCode !== 200) return;
        const results = res.json().results as { opId: string; status: string }[];
        expect(results).toHaveLength(3);
        expect([results[0], results[2]]).toEqual([
          expect.objectContaining({ opId: before.opId, status: 'applied' }),
          expect.objectContaining({ opId: after.opId, status: 'applied' }),
        ]);
      }),
      // The cases issue 12 found, always tried first: NUL in a collection, a clientId, a field.
      {
        numRuns: 500,
        examples: [
          [['op', 'collection'], 'create', '\u0000'],
          [['clientId'], 'create', 'x\u0000'],
          [['op', 'data', 'name'], 'create', 'Ada\u0000'],
          [['op', 'base', 'notes'], 'update', '\ud800\u0000'],
        ],
      },
    );
  });

  it('pull: a query of random since and limit is answered 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nastyString, hugeNumber.map(String)), fc.oneof(nastyString, hugeNumber.map(String)), async (since, limit) => {
        const query = new URLSearchParams({ since, limit });
        const res = await server.app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: { ...CURRENT_PROTOCOL, cookie: ann.cookie } });
        expect([200, 400]).toContain(res.statusCode);
      }),
      { numRuns: 150 },
    );
  });

  it('history: a random id, before and limit are answered 400 or 404, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, nastyString, nastyString, async (id, before, limit) => {
        const query = new URLSearchParams({ before, limit });
        const url = `/api/visitors/${id}/history?${query}`;
        const res = await server.app.inject({ method: 'GET', url, headers: { ...CURRENT_PROTOCOL, cookie: ann.cookie } });
        expect([400, 404]).toContain(res.statusCode);
      }),
      { numRuns: 150 },
    );
  });
});
