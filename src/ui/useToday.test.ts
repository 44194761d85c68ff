import { describe, expect, it } from 'vitest';
import { localDay } from './useToday';

describe('localDay', () => {
  it('is the device’s calendar day, from its midnight to the next, whatever the time of day', () => {
    const day = { from: new Date(2026, 11, 2).toISOString(), to: new Date(2026, 11, 3).toISOString() };
    expect(localDay(new Date(2026, 11, 2, 0, 0, 0))).toEqual(day);
    expect(localDay(new Date(2026, 11, 2, 23, 59, 59, 999))).toEqual(day);
    expect(localDay(new Date(2026, 11, 3, 0, 0, 0))).toEqual({ from: day.to, to: new Date(2026, 11, 4).toISOString() });
  });

  it('crosses a month and a year', () => {
    expect(localDay(new Date(2026, 11, 31, 12))).toEqual({ from: new Date(2026, 11, 31).toISOString(), to: new Date(2027, 0, 1).toISOString() });
  });
});
