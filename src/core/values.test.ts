import { describe, expect, it } from 'vitest';
import { applyPatch, changedFields, isEmpty, pick, sameValue } from './values';
import { visitorData } from './testing/visitorData';

describe('patch helpers', () => {
  it('sameValue compares arrays and objects by value', () => {
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue('', null)).toBe(false);
    expect(sameValue(0, false)).toBe(false);
  });

  it('changedFields keeps only fields that differ', () => {
    const d = visitorData();
    expect(changedFields(d, { name: d.name, company: 'New', interests: [...d.interests] })).toEqual({ company: 'New' });
    expect(isEmpty(changedFields(d, { rating: d.rating }))).toBe(true);
  });

  it('applyPatch ignores undefined values', () => {
    const d = visitorData();
    expect(applyPatch(d, { name: undefined, company: 'C' })).toEqual({ ...d, company: 'C' });
  });

  it('pick takes the listed fields the source has', () => {
    expect(pick({ a: 1, b: 2 }, ['a', 'c'])).toEqual({ a: 1 });
    expect(pick(undefined, ['a'])).toEqual({});
  });
});
