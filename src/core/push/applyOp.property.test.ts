import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VISITOR_FIELDS, type VisitorData, type VisitorField, type VisitorPatch } from '../protocol';
import { visitor, testUuid } from '../testing/wireOps';
import { applyOp } from './applyOp';

// Small value pools per field, so that random sides often collide.
const pools: { [F in VisitorField]: fc.Arbitrary<VisitorData[F]> } = {
  name: fc.constantFrom('Ada', 'Grace', 'Alan'),
  company: fc.constantFrom('', 'Acme', 'Initech'),
  email: fc.constantFrom('', 'a@x.io', 'b@y.io'),
  phone: fc.constantFrom('', '+1 555', '+44 20'),
  title: fc.constantFrom('', 'CTO', 'CEO'),
  interests: fc.uniqueArray(fc.constantFrom('ai', 'cloud', 'edge', 'iot'), { maxLength: 4 }),
  notes: fc.array(fc.constantFrom('one', 'two', 'three', 'four'), { maxLength: 4 }).map((l) => l.join('\n')),
  captureMethod: fc.constantFrom('manual', 'qr-code', 'business-card'),
  capturedAt: fc.constantFrom('2026-01-01T10:00:00.000Z', '2026-01-02T10:00:00.000Z'),
  rating: fc.integer({ min: 0, max: 5 }),
  followUp: fc.boolean(),
  cardPhoto: fc.constantFrom(null, 'a'.repeat(64), 'b'.repeat(64)),
  consent: fc.boolean(),
  consentVersion: fc.constantFrom('', 'v1', 'v2'),
  distinctFrom: fc.uniqueArray(fc.constantFrom('018f0000-0000-7000-8000-000000000001', '018f0000-0000-7000-8000-000000000002'), {
    maxLength: 2,
  }),
  // Only the server writes these (serverFields.ts): an op never carries a change to them.
  consentAt: fc.constant(null),
  capturedBy: fc.constant(''),
};

/** A side's version of the record: each field kept from base or changed to a random value. */
const sideOf = (base: VisitorData) =>
  fc.record(Object.fromEntries(VISITOR_FIELDS.map((f) => [f, fc.option(pools[f] as fc.Arbitrary<unknown>, { nil: undefined })]))).map(
    (changes) => {
      const data: Record<string, unknown> = { ...base };
      for (const [f, v] of Object.entries(changes)) if (v !== undefined) data[f] = v;
      return data as VisitorData;
    },
  );

const scenario = fc
  .record(Object.fromEntries(VISITOR_FIELDS.map((f) => [f, pools[f] as fc.Arbitrary<unknown>])))
  .map((fields) => ({ ...visitor(), ...fields }) as VisitorData)
  .chain((base) => fc.tuple(fc.constant(base), sideOf(base), sideOf(base)));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('applyOp merge properties', () => {
  it('never loses an edit that the other side did not touch; a true clash becomes a conflict, never an overwrite', () => {
    fc.assert(
      fc.property(scenario, ([base, mine, theirs]) => {
        const patch: VisitorPatch = {};
        const patchBase: VisitorPatch = {};
        for (const f of VISITOR_FIELDS) {
          if (same(mine[f], base[f])) continue;
          Object.assign(patch, { [f]: mine[f] });
          Object.assign(patchBase, { [f]: base[f] });
        }
        const outcome = applyOp(
          { rev: 3, deleted: false, data: theirs, updatedAt: '2026-01-03T00:00:00.000Z', updatedBy: 'them@x.io' },
          { opId: testUuid(), collection: 'visitors', id: testUuid(), kind: 'update', patch, base: patchBase },
        );
        expect(outcome.status).not.toBe('rejected');
        if (outcome.status === 'rejected') return;
        const result = outcome.write?.data ?? theirs;
        const contended = outcome.status === 'conflict' ? outcome.conflict.fields : [];
        for (const f of VISITOR_FIELDS) {
          const mineChanged = !same(mine[f], base[f]);
          const theirsChanged = !same(theirs[f], base[f]);
          if (mineChanged && !theirsChanged) expect(result[f]).toEqual(mine[f]);
          if (theirsChanged && !mineChanged) expect(result[f]).toEqual(theirs[f]);
          if (contended.includes(f)) {
            // Nothing overwritten: the server keeps theirs, and mine travels in the conflict.
            expect(result[f]).toEqual(theirs[f]);
            expect(outcome.status === 'conflict' && outcome.conflict.theirs[f]).toEqual(theirs[f]);
          }
          if (mineChanged && theirsChanged && !contended.includes(f) && f === 'interests') {
            for (const item of mine.interests.filter((x) => !base.interests.includes(x))) expect(result.interests).toContain(item);
            for (const item of base.interests.filter((x) => !mine.interests.includes(x) || !theirs.interests.includes(x))) {
              expect(result.interests).not.toContain(item);
            }
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
