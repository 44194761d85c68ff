import { describe, expect, it } from 'vitest';
import { visitorData } from '../testing/visitorData';
import type { RecordWrite } from './applyOp';
import { stampServerFields } from './serverFields';
import { writableData } from '../protocol';

const stamp = { by: 'ann@example.com', at: '2026-12-02T10:00:00.000Z' };
const later = { by: 'bob@example.com', at: '2026-12-02T11:00:00.000Z' };
const write = (data = visitorData(), kind: RecordWrite['kind'] = 'update'): RecordWrite => ({ kind, data, deleted: false, changes: {} });

describe('server-stamped fields', () => {
  it('a create is captured by its pusher, whatever the device claimed; later writers do not change it', () => {
    const created = stampServerFields(null, write(visitorData({ capturedBy: 'mallory@example.com' }), 'create'), stamp);
    expect(created.data.capturedBy).toBe('ann@example.com');
    expect(created.changes.capturedBy).toEqual({ from: null, to: 'ann@example.com' });
    const edited = stampServerFields(created.data, write({ ...created.data, capturedBy: '', title: 'CTO' }), later);
    expect(edited.data.capturedBy).toBe('ann@example.com');
    expect(edited.changes).not.toHaveProperty('capturedBy');
  });

  it('consent is timed by the server when given, kept while it stands, renewed for a new text, cleared when withdrawn', () => {
    const before = visitorData({ capturedBy: 'ann@example.com' });
    const given = stampServerFields(before, write({ ...before, consent: true, consentVersion: 'v1', consentAt: '1999-01-01T00:00:00.000Z' }), stamp);
    expect(given.data.consentAt).toBe(stamp.at);
    expect(given.changes.consentAt).toEqual({ from: null, to: stamp.at });

    const kept = stampServerFields(given.data, write({ ...given.data, title: 'CTO' }), later);
    expect(kept.data.consentAt).toBe(stamp.at);
    expect(kept.changes).not.toHaveProperty('consentAt');

    const renewed = stampServerFields(given.data, write({ ...given.data, consentVersion: 'v2' }), later);
    expect(renewed.data.consentAt).toBe(later.at);

    const withdrawn = stampServerFields(given.data, write({ ...given.data, consent: false, consentVersion: '' }), later);
    expect(withdrawn.data.consentAt).toBeNull();
    expect(withdrawn.changes.consentAt).toEqual({ from: stamp.at, to: null });
  });

  it('a delete keeps the record as it was', () => {
    const tombstone: RecordWrite = { kind: 'delete', data: visitorData({ consent: true, consentAt: stamp.at }), deleted: true, changes: {} };
    expect(stampServerFields(tombstone.data, tombstone, later)).toBe(tombstone);
  });

  it('leaves out the stamped fields when comparing what an op meant', () => {
    expect(writableData(visitorData({ capturedBy: 'a', consentAt: stamp.at }))).toEqual(writableData(visitorData()));
  });
});
