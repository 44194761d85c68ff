import { describe, expect, it } from 'vitest';
import { syncOpSchema } from '../protocol';
import { op } from '../testing/ops';
import { visitorData } from '../testing/visitorData';
import { toWireOp, utf8Length, wireSize } from './wire';

const id = '01890a5d-ac96-774b-bcce-b302099a8057';
const opId = '01890a5d-ac96-774b-bcce-b302099a8058';

describe('wire', () => {
  it('strips local bookkeeping (the author too: the server knows it from the session) and matches the shared op schema', () => {
    const author = { id: 'u-ada', email: 'ada@example.com' };
    const update = op({ kind: 'update', id, opId, patch: { name: 'B' }, base: { name: 'A' }, seq: 9, attempts: 3, state: 'failed', author });
    const wire = toWireOp(update);
    expect(wire).toEqual({ opId, collection: 'visitors', id, kind: 'update', patch: { name: 'B' }, base: { name: 'A' } });
    expect(syncOpSchema.parse(wire)).toEqual(wire);
    expect(syncOpSchema.parse(toWireOp(op({ kind: 'create', id, opId, data: visitorData() })))).toBeTruthy();
    expect(toWireOp(op({ kind: 'delete', id, opId }))).toEqual({ opId, collection: 'visitors', id, kind: 'delete' });
  });

  it('counts UTF-8 bytes', () => {
    for (const s of ['abc', 'é', '€', '😀', 'a😀é€']) expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('wireSize is the JSON plus a comma', () => {
    const create = op({ kind: 'create', id, opId, data: visitorData({ notes: '日本' }) });
    expect(wireSize(create)).toBe(new TextEncoder().encode(JSON.stringify(toWireOp(create))).length + 1);
  });
});
