import { describe, expect, it } from 'vitest';
import { isCompactChange, type Change, type VisitorData, type VisitorPatch } from '../protocol';
import { planPull } from '../client/planPull';
import type { LocalVisitor } from '../client/types';
import { ProtocolError } from '../errors';
import { testUuid, visitor } from '../testing/wireOps';
import { applyPatch } from '../values';
import { compactChanges, type HistoryMark } from './compactChanges';

const at = '2025-06-01T09:00:00.000Z';

/** A record's life as the server's history holds it: each revision's data and what changed. */
function life(id: string, steps: { rev: number; kind: HistoryMark['kind']; data: VisitorData }[]) {
  const marks: HistoryMark[] = steps.map((s, i) => ({
    collection: 'visitors',
    id,
    rev: s.rev,
    kind: s.kind,
    fields: i === 0 ? Object.keys(s.data) : Object.keys(s.data).filter((f) => JSON.stringify(s.data[f as keyof VisitorData]) !== JSON.stringify(steps[i - 1]!.data[f as keyof VisitorData])),
  }));
  const last = steps.at(-1)!;
  const change: Change = { collection: 'visitors', id, rev: last.rev, deleted: last.kind === 'delete', data: last.data, updatedAt: at, updatedBy: 'bob@example.com' };
  return { marks, change, dataAt: (rev: number) => [...steps].reverse().find((s) => s.rev <= rev)!.data };
}

const v1 = visitor({ name: 'Ada', notes: 'long notes '.repeat(40) });
const v2 = { ...v1, title: 'CTO' };
const v3 = { ...v2, rating: 1, phone: '+1 555 0100' };

describe('compact pulled changes (protocol 4)', () => {
  it('a record live at `since` and only updated after it travels as the fields changed, over its version at baseRev', () => {
    const id = testUuid();
    const { marks, change } = life(id, [
      { rev: 3, kind: 'create', data: v1 },
      { rev: 8, kind: 'update', data: v2 },
      { rev: 12, kind: 'update', data: v3 },
    ]);
    const [compact] = compactChanges([change], 5, marks);
    expect(compact).toEqual({ collection: 'visitors', id, rev: 12, deleted: false, baseRev: 3, patch: { title: 'CTO', rating: 1, phone: '+1 555 0100' }, updatedAt: at, updatedBy: 'bob@example.com' });
  });

  it('the patch over any version a device at that cursor can hold is the record at the change’s revision', () => {
    const id = testUuid();
    const { marks, change, dataAt } = life(id, [
      { rev: 3, kind: 'create', data: v1 },
      { rev: 8, kind: 'update', data: v2 },
      { rev: 12, kind: 'update', data: v3 },
    ]);
    for (const since of [3, 5, 8, 10]) {
      const [c] = compactChanges([change], since, marks);
      if (!c || !isCompactChange(c)) throw new Error(`expected a compact change since ${since}`);
      // Held: anything from baseRev (the last revision up to since) to just before the change.
      for (const heldRev of [c.baseRev, 8, 11].filter((r) => r >= c.baseRev && r < 12)) {
        expect(applyPatch(dataAt(heldRev), c.patch as VisitorPatch)).toEqual(v3);
      }
    }
  });

  it('sends the whole record when it was created or restored after `since`, deleted, or its history does not cover it', () => {
    const id = testUuid();
    const created = life(id, [{ rev: 6, kind: 'create', data: v1 }, { rev: 9, kind: 'update', data: v2 }]);
    expect(compactChanges([created.change], 5, created.marks)).toEqual([created.change]);
    const restored = life(id, [{ rev: 2, kind: 'create', data: v1 }, { rev: 4, kind: 'delete', data: v1 }, { rev: 9, kind: 'restore', data: v2 }]);
    expect(compactChanges([restored.change], 5, restored.marks)).toEqual([restored.change]);
    const deletedAtSince = life(id, [{ rev: 2, kind: 'create', data: v1 }, { rev: 4, kind: 'delete', data: v1 }]);
    expect(compactChanges([deletedAtSince.change], 3, deletedAtSince.marks)).toEqual([deletedAtSince.change]);
    const updated = life(id, [{ rev: 2, kind: 'create', data: v1 }, { rev: 9, kind: 'update', data: v2 }]);
    expect(compactChanges([updated.change], 5, updated.marks.filter((m) => m.rev !== 9))).toEqual([updated.change]);
    expect(compactChanges([updated.change], 5, updated.marks.filter((m) => m.rev !== 2))).toEqual([updated.change]);
    const deletedLater = [...updated.marks, { collection: 'visitors', id, rev: 11, kind: 'delete' as const, fields: [] }];
    expect(compactChanges([updated.change], 5, deletedLater)).toEqual([updated.change]);
  });
});

describe('planPull reading compact changes', () => {
  const row = (id: string, rev: number, data: VisitorData): LocalVisitor => ({ id, data, syncState: 'synced', sortName: 'ada', serverRev: rev, localUpdatedAt: 0 });

  it('applies the patch over the synced row, and refuses the page when this device holds an older version or none', () => {
    const id = testUuid();
    const { marks, change } = life(id, [{ rev: 3, kind: 'create', data: v1 }, { rev: 8, kind: 'update', data: v2 }]);
    const [compact] = compactChanges([change], 5, marks);
    const stored = (rows: LocalVisitor[]) => ({ rows: new Map(rows.map((r) => [r.id, r])), shadows: new Map(), conflicts: new Map(), ops: [] });
    const writes = planPull([compact!], stored([row(id, 3, v1)]), 0);
    expect(writes.putRows).toEqual([expect.objectContaining({ id, data: v2, serverRev: 8, syncState: 'synced' })]);
    expect(() => planPull([compact!], stored([row(id, 2, v1)]), 0)).toThrow(ProtocolError);
    expect(() => planPull([compact!], stored([]), 0)).toThrow(ProtocolError);
  });
});
