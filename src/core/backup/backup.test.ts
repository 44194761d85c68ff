import { describe, expect, it } from 'vitest';
import { visitorData } from '../testing/visitorData';
import { buildBackup, parseBackup } from './backup';

const workspace = { id: 'w-1', name: 'Booth' };
const id = '0190f0a0-0000-7000-8000-000000000001';

describe('backup files', () => {
  it('round-trips the visitors and the bytes of their photos', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]).buffer;
    const photo = { hash: 'a'.repeat(64), type: 'image/jpeg' as const, bytes };
    const backup = buildBackup({ workspace, visitors: [{ id, data: visitorData({ cardPhoto: photo.hash }) }], photos: [photo], now: new Date(0) });
    const parsed = parseBackup(JSON.stringify(backup), workspace.id);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.visitors).toEqual([{ id, data: visitorData({ cardPhoto: photo.hash }) }]);
    expect(new Uint8Array(parsed.photos[0]!.bytes)).toEqual(new Uint8Array(bytes));
  });

  it('refuses, in words, a file that is no backup, a damaged one, and another workspace’s', () => {
    expect(parseBackup('not json', workspace.id)).toEqual({ ok: false, error: 'This file is not an Outpost backup (it is not JSON).' });
    expect(parseBackup('{"format":"outpost-backup"}', workspace.id)).toMatchObject({ ok: false, error: expect.stringContaining('damaged') });
    const other = JSON.stringify(buildBackup({ workspace: { id: 'w-2', name: 'Other booth' }, visitors: [], photos: [], now: new Date(0) }));
    expect(parseBackup(other, workspace.id)).toMatchObject({ ok: false, error: expect.stringContaining('“Other booth”') });
  });
});
