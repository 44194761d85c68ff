import { describe, expect, it } from 'vitest';
import { rebase } from './rebase';
import { op } from '../testing/ops';
import { visitorData } from '../testing/visitorData';

const server = visitorData();

describe('rebase', () => {
  it('is the server data when nothing is pending', () => {
    expect(rebase(server, [])).toEqual(server);
    expect(rebase(null, [])).toBeNull();
  });

  it('replays pending updates in order over the server data', () => {
    const ops = [
      op({ kind: 'update', patch: { name: 'B', company: 'X' }, base: { name: server.name, company: server.company } }),
      op({ kind: 'update', patch: { name: 'C' }, base: { name: 'B' } }),
    ];
    expect(rebase(server, ops)).toEqual({ ...server, name: 'C', company: 'X' });
  });

  it('keeps a pulled change to other fields under the pending edits', () => {
    const pulled = { ...server, notes: 'met at booth 12', company: 'Theirs Ltd' };
    const pending = [op({ kind: 'update', patch: { company: 'Mine plc' }, base: { company: server.company } })];
    expect(rebase(pulled, pending)).toEqual({ ...pulled, company: 'Mine plc' });
  });

  it('create gives its data; delete gives null', () => {
    expect(rebase(null, [op({ kind: 'create', data: server })])).toEqual(server);
    expect(rebase(server, [op({ kind: 'delete', base: server })])).toBeNull();
  });

  it('does not replay a rejected delete (the record stays in view with its error)', () => {
    expect(rebase(server, [op({ kind: 'delete', base: server, state: 'failed' })])).toEqual(server);
  });

  it('replays a rejected update (the person’s values stay in view)', () => {
    expect(rebase(server, [op({ kind: 'update', patch: { name: 'Z' }, base: { name: server.name }, state: 'failed' })])).toEqual({
      ...server,
      name: 'Z',
    });
  });

  it('an update on a missing record stays missing', () => {
    expect(rebase(null, [op({ kind: 'update', patch: { name: 'Z' }, base: {} })])).toBeNull();
  });
});
