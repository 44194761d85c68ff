import { describe, expect, it } from 'vitest';
import { emptyVisitor } from '../core/protocol';
import { fromFormValues, parseInterests, toFormValues } from './visitorFormValues';

describe('visitor form values', () => {
  it('round-trips a visitor through the form', () => {
    const data = { ...emptyVisitor(new Date('2026-05-01T10:30:00Z')), name: 'Ada', interests: ['AI', 'Cloud'], rating: 4 };
    const result = fromFormValues(toFormValues(data));
    expect(result).toEqual({ ok: true, data });
  });

  it('splits, trims and de-duplicates interests', () => {
    expect(parseInterests(' AI, cloud,, Cloud ,edge ')).toEqual(['AI', 'cloud', 'edge']);
  });

  it('reports each invalid field by name', () => {
    const values = { ...toFormValues(emptyVisitor(new Date())), email: 'not-an-email', rating: '9' };
    const result = fromFormValues(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe('Name is required');
    expect(result.errors.email).toBe('Email is not a valid address');
    expect(result.errors.rating).toBe('Rating is 0 to 5');
  });
});
