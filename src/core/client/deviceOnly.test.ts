import { describe, expect, it } from 'vitest';
import { deviceOnlyWarning } from './deviceOnly';

const HOUR = 60 * 60 * 1000;
const now = 100 * HOUR;

describe('the warning about changes only on this device', () => {
  it('speaks once changes have waited more than an hour on storage that is not persisted', () => {
    expect(deviceOnlyWarning({ persisted: false, pending: 3, oldestAt: now - 2 * HOUR - 1, now })).toBe('3 changes only on this device for 2 h');
    expect(deviceOnlyWarning({ persisted: false, pending: 1, oldestAt: now - 3 * 24 * HOUR, now })).toBe('1 change only on this device for 3 days');
  });

  it('says nothing for persisted storage, nothing waiting, or a wait of an hour or less', () => {
    expect(deviceOnlyWarning({ persisted: true, pending: 3, oldestAt: now - 5 * HOUR, now })).toBeNull();
    expect(deviceOnlyWarning({ persisted: false, pending: 0, oldestAt: null, now })).toBeNull();
    expect(deviceOnlyWarning({ persisted: false, pending: 2, oldestAt: now - HOUR, now })).toBeNull();
  });
});
