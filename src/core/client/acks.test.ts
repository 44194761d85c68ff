import { describe, expect, it } from 'vitest';
import { ackRow, applyAcks, newestAcked, planFold, withAck } from './acks';
import type { LocalVisitor } from './types';
import { visitorData } from '../testing/visitorData';

const pendingRow = (id: string, serverRev?: number): LocalVisitor => ({
  id,
  data: visitorData({ name: 'Local' }),
  syncState: 'pending',
  sortName: 'local',
  ...(serverRev !== undefined ? { serverRev } : {}),
  localUpdatedAt: 1,
});
const server = visitorData({ name: 'Server', capturedBy: 'ada@example.com' });

describe('the acknowledgement journal', () => {
  it('reads the newest journalled version of each record, with its answer’s time', () => {
    const acks = [
      { ...ackRow([{ id: 'a', rev: 3, data: server }, { id: 'b', rev: 4, data: server }], 10), seq: 1 },
      { ...ackRow([{ id: 'a', rev: 7, data: visitorData({ name: 'Newer' }) }], 20), seq: 2 },
    ];
    const newest = newestAcked(acks);
    expect(newest.get('a')).toMatchObject({ rev: 7, at: 20, data: { name: 'Newer' } });
    expect(newest.get('b')).toMatchObject({ rev: 4, at: 10 });
    expect([...newestAcked(acks, ['b']).keys()]).toEqual(['b']);
  });

  it('makes a stored row older than its journalled version synced at that version', () => {
    const acked = { id: 'a', rev: 5, data: server, at: 30 };
    expect(withAck(pendingRow('a'), acked)).toEqual({ id: 'a', data: server, syncState: 'synced', sortName: 'server', serverRev: 5, localUpdatedAt: 30 });
    expect(withAck(pendingRow('a', 4), acked)).toMatchObject({ syncState: 'synced', serverRev: 5 });
  });

  it('leaves a row written at the journalled revision or later as it is: that write came after the answer', () => {
    const acked = { id: 'a', rev: 5, data: server, at: 30 };
    const edited = pendingRow('a', 5);
    expect(withAck(edited, acked)).toBe(edited);
    const later = pendingRow('a', 9);
    expect(withAck(later, acked)).toBe(later);
    const rows = new Map([['a', edited], ['b', pendingRow('b')]]);
    const read = applyAcks(rows, new Map([['a', acked]]));
    expect(read.get('a')).toBe(edited);
    expect(read.get('b')).toBe(rows.get('b'));
  });

  it('folding writes only the rows the journal row still makes stale, with their newest version, and drops it', () => {
    const ack = { ...ackRow([{ id: 'a', rev: 3, data: server }, { id: 'b', rev: 4, data: server }, { id: 'gone', rev: 5, data: server }], 10), seq: 4 };
    const stored = new Map([['a', pendingRow('a')], ['b', pendingRow('b', 4)]]);
    const newer = { id: 'a', rev: 8, data: visitorData({ name: 'Newest' }), at: 40 };
    const plan = planFold(ack, stored, new Map([['a', newer], ['b', { id: 'b', rev: 4, data: server, at: 10 }]]));
    expect(plan.putRows).toEqual([{ id: 'a', data: newer.data, syncState: 'synced', sortName: 'newest', serverRev: 8, localUpdatedAt: 40 }]);
    expect(plan.deleteAcks).toEqual([4]);
  });
});
