import { describe, expect, it } from 'vitest';
import type { OpEnvelope } from '../protocol';
import { visitor, testUuid } from '../testing/wireOps';
import { validateOp } from './validateOp';

const envelope = (fields: Partial<OpEnvelope>): OpEnvelope => ({
  opId: testUuid(),
  collection: 'visitors',
  id: testUuid(),
  kind: 'create',
  ...fields,
});

describe('validateOp', () => {
  it('accepts a valid create', () => {
    expect(validateOp(envelope({ data: visitor() }))).toMatchObject({ ok: true, op: { kind: 'create' } });
  });

  it('names the visitor field and gives the schema message', () => {
    const result = validateOp(envelope({ data: visitor({ email: 'not an email' }) }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', field: 'email', message: 'Email is not a valid address' } });
  });

  it('rejects an update whose base lacks a patched field', () => {
    const result = validateOp(envelope({ kind: 'update', patch: { name: 'A', rating: 2 }, base: { name: 'B' } }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', field: 'rating' } });
  });

  it('rejects an unknown collection', () => {
    const result = validateOp(envelope({ collection: 'cars', data: visitor() }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', field: 'collection' } });
  });
});
