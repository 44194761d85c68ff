import { describe, expect, it } from 'vitest';
import type { OpEnvelope, SyncOp } from '../protocol';
import { createOp, deleteOp, updateOp, visitor, testUuid } from '../testing/wireOps';
import { canonicalJson, canonicalOpJson, opHash } from './opHash';
import { sha256Hex } from './sha256';
import { validateOp } from './validateOp';

const parsed = (envelope: object): SyncOp => {
  const item = validateOp(envelope as OpEnvelope);
  if (!item.ok) throw new Error(item.error.message);
  return item.op;
};

describe('sha256Hex', () => {
  it('matches the standard digests, at the padding boundaries and for multi-byte text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('a'.repeat(55))).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
    expect(sha256Hex('a'.repeat(56))).toBe('b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a');
    expect(sha256Hex('a'.repeat(64))).toBe('ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb');
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
    expect(sha256Hex('ümlaut 🦊 \u0000 €')).toBe('aa0dba8f12d1e9f138cb8e90051e8830be291d8815189841f1e56a246d4500c1');
    // A lone surrogate is encoded as U+FFFD, as TextEncoder does.
    expect(sha256Hex('\ud800')).toBe('83d544ccc223c057d2bf80d3f2a32982c32c3c0db8e2674820da5064783fb097');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves out undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('opHash', () => {
  it('is the same for the same op however its keys are ordered, trimmed or defaulted', () => {
    const id = testUuid();
    const opId = testUuid();
    const op = createOp(id, visitor({ name: 'Ada' }), opId);
    const { cardPhoto: _photo, ...withoutPhoto } = visitor({ name: '  Ada ' });
    const reordered = { data: withoutPhoto, kind: 'create', id, collection: 'visitors', opId };
    expect(opHash(parsed(reordered))).toBe(opHash(parsed(op)));
    expect(canonicalOpJson(parsed(op))).toMatch(/^\{"collection":"visitors","data":\{.*\},"id":"[^"]+","kind":"create","opId":"[^"]+"\}$/);
  });

  it('differs when any identifying part differs', () => {
    const id = testUuid();
    const opId = testUuid();
    const hashes = [
      opHash(parsed(updateOp(id, { rating: 5 }, { rating: 4 }, opId))),
      opHash(parsed(updateOp(id, { rating: 3 }, { rating: 4 }, opId))),
      opHash(parsed(updateOp(id, { rating: 5 }, { rating: 2 }, opId))),
      opHash(parsed(updateOp(testUuid(), { rating: 5 }, { rating: 4 }, opId))),
      opHash(parsed(updateOp(id, { rating: 5 }, { rating: 4 }, testUuid()))),
      opHash(parsed(deleteOp(id, undefined, opId))),
      opHash(parsed(deleteOp(id, { rating: 4 }, opId))),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
