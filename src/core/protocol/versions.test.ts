import { describe, expect, it } from 'vitest';
import { visitorData } from '../testing/visitorData';
import { checkProtocolVersion, downgradeChange, downgradeHistoryEntry, downgradeResult, fieldsUnknownTo, PROTOCOL_VERSION, upgradeOp } from './versions';
import { syncOpSchema, type OpResult } from './sync';

const { consentVersion: _v, consentAt: _at, capturedBy: _by, distinctFrom: _d, ...protocol2Data } = visitorData();
const { consent: _consent, ...protocol1Data } = protocol2Data;

describe('protocol versions', () => {
  it('reads the header: none is version 1; the current and the previous are accepted', () => {
    expect(checkProtocolVersion(undefined, { oldest: 1, current: 2 })).toEqual({ ok: true, version: 1 });
    expect(checkProtocolVersion(undefined)).toEqual({ ok: false, reason: 'too_old' });
    expect(checkProtocolVersion(String(PROTOCOL_VERSION - 1))).toEqual({ ok: true, version: PROTOCOL_VERSION - 1 });
    expect(checkProtocolVersion(String(PROTOCOL_VERSION - 2))).toEqual({ ok: false, reason: 'too_old' });
    expect(checkProtocolVersion(String(PROTOCOL_VERSION))).toEqual({ ok: true, version: PROTOCOL_VERSION });
    expect(checkProtocolVersion(String(PROTOCOL_VERSION + 1))).toEqual({ ok: false, reason: 'too_new' });
    expect(checkProtocolVersion('1', { oldest: 2, current: 2 })).toEqual({ ok: false, reason: 'too_old' });
    expect(checkProtocolVersion(undefined, { oldest: 2, current: 3 })).toEqual({ ok: false, reason: 'too_old' });
    for (const bad of ['', 'two', '2.0', '02', '-1', '1e1', ['1', '2']]) expect(checkProtocolVersion(bad)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('version 1 does not know consent, version 2 not its version and time, the author or dismissed duplicates', () => {
    const addedIn3 = ['consentVersion', 'consentAt', 'capturedBy', 'distinctFrom'];
    expect(fieldsUnknownTo(1)).toEqual(['consent', ...addedIn3]);
    expect(fieldsUnknownTo(2)).toEqual(addedIn3);
    expect(fieldsUnknownTo(PROTOCOL_VERSION)).toEqual([]);
  });

  it('a version-2 create becomes a current one with the fields of version 3 at their defaults', () => {
    const op = { opId: crypto.randomUUID(), collection: 'visitors', id: crypto.randomUUID(), kind: 'create' as const, data: { ...protocol2Data, consent: true } };
    const upgraded = syncOpSchema.parse(upgradeOp(op, 2));
    expect(upgraded).toMatchObject({ data: { consent: true, consentVersion: '', consentAt: null, capturedBy: '', distinctFrom: [] } });
    const update = upgradeOp({ ...op, kind: 'update' as const, data: undefined, patch: { distinctFrom: [op.id], title: 'T' }, base: { distinctFrom: [], title: '' } }, 2);
    expect(update).toMatchObject({ patch: { title: 'T' }, base: { title: '' } });
  });

  it('a version-1 create becomes a current one, consent at its default; a field it cannot know is dropped', () => {
    const op = { opId: crypto.randomUUID(), collection: 'visitors', id: crypto.randomUUID(), kind: 'create' as const, data: protocol1Data };
    const upgraded = upgradeOp(op, 1);
    expect(syncOpSchema.parse(upgraded)).toMatchObject({ data: { ...protocol1Data, consent: false, consentAt: null } });
    const smuggled = upgradeOp({ ...op, data: { ...protocol1Data, consent: true } }, 1);
    expect(syncOpSchema.parse(smuggled)).toMatchObject({ data: { consent: false } });
    const update = upgradeOp({ ...op, kind: 'update' as const, data: undefined, patch: { consent: true, title: 'T' }, base: { consent: false, title: '' } }, 1);
    expect(update).toMatchObject({ patch: { title: 'T' }, base: { title: '' } });
    expect(upgradeOp(op, PROTOCOL_VERSION)).toBe(op);
  });

  it('answers a version-1 client without the fields it does not know, in records, conflicts, changes and history', () => {
    const result: OpResult = {
      opId: 'o',
      status: 'conflict',
      rev: 3,
      record: visitorData({ consent: true }),
      conflict: { kind: 'delete-update', fields: ['title', 'consent'], theirs: { title: 'T', consent: true }, theirsBy: null, theirsAt: null },
    };
    const old = downgradeResult(result, 1);
    expect(old.record).toEqual(protocol1Data);
    expect(old.conflict).toMatchObject({ fields: ['title'], theirs: { title: 'T' } });
    expect(downgradeResult(result, PROTOCOL_VERSION)).toBe(result);
    expect(downgradeResult(result, 2).record).toEqual({ ...protocol2Data, consent: true });

    const change = { collection: 'visitors' as const, id: 'r', rev: 3, deleted: false, data: visitorData({ consent: true }), updatedAt: '', updatedBy: null };
    expect(downgradeChange(change, 1).data).toEqual(protocol1Data);
    const entry = { rev: 3, kind: 'update' as const, at: '', by: null, changes: { consent: { from: false, to: true }, notes: { from: '', to: 'x' } } };
    expect(downgradeHistoryEntry(entry, 1).changes).toEqual({ notes: { from: '', to: 'x' } });
  });
});
