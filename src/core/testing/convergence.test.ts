import { describe, expect, it } from 'vitest';
import { firstDifference, type DeviceState } from './convergence';
import { change } from './changes';
import { conflictRecord, queuedOp, visitorRow } from './rows';

const ADA = '018f0000-0000-7000-8000-000000000001';
const BO = '018f0000-0000-7000-8000-000000000002';

const server = [change(ADA, 3, { name: 'Ada' }), change(BO, 5, { name: 'Bo' })];
const synced = (): DeviceState => ({
  visitors: [visitorRow(ADA, { name: 'Ada' }, { serverRev: 3 }), visitorRow(BO, { name: 'Bo' }, { serverRev: 5 })],
  outbox: [],
  conflicts: [],
});

describe('firstDifference', () => {
  it('is null for a device that holds every live record at the server’s revision, with nothing queued', () => {
    expect(firstDifference(server, synced())).toBeNull();
    const deletedThere = [...server, change('018f0000-0000-7000-8000-000000000003', 6, { name: 'Cy' }, true)];
    expect(firstDifference(deletedThere, synced())).toBeNull();
  });

  it('names the first record and field that differ, with both values', () => {
    const device = synced();
    device.visitors = [visitorRow(ADA, { name: 'Ada', title: 'CTO', company: 'Elsewhere' }, { serverRev: 3 }), device.visitors[1]!];
    expect(firstDifference(server, device)).toBe(`"Ada" (${ADA}) differs in company: "Elsewhere" on the device, "Analytical Engines" on the server`);
  });

  it('compares lists in order, as the server stores them', () => {
    const device = synced();
    device.visitors = [visitorRow(ADA, { name: 'Ada', interests: ['b', 'a'] }, { serverRev: 3 }), device.visitors[1]!];
    expect(firstDifference([change(ADA, 3, { name: 'Ada', interests: ['a', 'b'] }), server[1]!], device)).toMatch(/differs in interests: \["b","a"\] on the device, \["a","b"\]/);
  });

  it('reports a record missing on the device, an older revision, a row not synced, and a row the server does not hold', () => {
    const device = synced();
    expect(firstDifference(server, { ...device, visitors: [device.visitors[1]!] })).toBe(`"Ada" (${ADA}) is on the server at rev 3 but not on the device`);
    expect(firstDifference(server, { ...device, visitors: [visitorRow(ADA, { name: 'Ada' }, { serverRev: 2 }), device.visitors[1]!] })).toBe(
      `"Ada" (${ADA}) is at rev 2 on the device, 3 on the server`,
    );
    expect(firstDifference(server, { ...device, visitors: [visitorRow(ADA, { name: 'Ada' }, { serverRev: 3, syncState: 'pending' }), device.visitors[1]!] })).toBe(
      `"Ada" (${ADA}) is pending on the device`,
    );
    expect(firstDifference([server[0]!, change(BO, 5, { name: 'Bo' }, true)], device)).toBe(`"Bo" (${BO}) is on the device but deleted on the server at rev 5`);
    expect(firstDifference([server[0]!], device)).toBe(`"Bo" (${BO}) is on the device but not on the server`);
  });

  it('reports queued changes first, naming the first op', () => {
    const device = { ...synced(), outbox: [queuedOp(BO, { seq: 1 }), queuedOp(ADA, { seq: 2 })] };
    expect(firstDifference(server, device)).toBe('2 change(s) still queued, the first: update of "Bo" (pending)');
  });

  it('reports an open conflict unless it is expected, and an expected one that is missing', () => {
    const open = { ...synced(), conflicts: [conflictRecord(ADA, { fields: ['title'] })] };
    expect(firstDifference(server, open)).toBe('"Ada" has an unexpected open update-update conflict over title');
    expect(firstDifference(server, synced(), { openConflicts: ['Ada'] })).toBe('"Ada" was expected to have an open conflict, and has none');
  });

  it('with an expected conflict, compares only the fields this device has no side of', () => {
    const conflict = conflictRecord(ADA, { fields: ['title'], mine: { title: 'Mine', notes: 'edited meanwhile' } });
    const row = (data: object) => visitorRow(ADA, { name: 'Ada', ...data }, { serverRev: 3, syncState: 'conflict' });
    const device = (data: object): DeviceState => ({ ...synced(), visitors: [row(data), synced().visitors[1]!], conflicts: [conflict] });
    expect(firstDifference(server, device({ title: 'Mine', notes: 'edited meanwhile' }), { openConflicts: ['Ada'] })).toBeNull();
    expect(firstDifference(server, device({ title: 'Mine', phone: '1' }), { openConflicts: ['Ada'] })).toMatch(/"Ada" .* differs in phone: "1" on the device/);
  });

  it('with an expected edit-vs-delete conflict, the record may be on one side only', () => {
    const editedHere = { ...synced(), conflicts: [conflictRecord(BO, { kind: 'update-delete', fields: [] })] };
    expect(firstDifference([server[0]!, change(BO, 6, { name: 'Bo' }, true)], editedHere, { openConflicts: ['Bo'] })).toBeNull();
  });
});
