import { describe, expect, it } from 'vitest';
import { emptyVisitor } from '../core/protocol';
import { fromFormValues, toFormValues } from './visitorFormValues';

describe('visitor form: characters the server refuses', () => {
  it('shows the field’s message for control and text-direction characters, and takes tabs and line breaks in notes', () => {
    const values = {
      ...toFormValues({ ...emptyVisitor(new Date()), name: 'Ada' }),
      company: 'Acme\u0000',
      title: 'gpj.\u202eexe',
      interests: 'ai, ml\u0007',
      notes: 'first line\n\tindented',
    };
    const result = fromFormValues(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      company: 'Company cannot contain control characters or line breaks',
      title: 'Title cannot contain text-direction control characters',
      interests: 'An interest cannot contain control characters or line breaks',
    });

    const fine = fromFormValues({ ...values, company: 'Acme', title: 'CTO', interests: 'ai, ml' });
    expect(fine).toMatchObject({ ok: true, data: { notes: 'first line\n\tindented' } });
  });
});
