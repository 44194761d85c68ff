import { describe, expect, it } from 'vitest';
import { nextAnswer, type LiveAnswer } from './useLive';

describe('nextAnswer', () => {
  it('takes the first value, and a different one after it', () => {
    const first = nextAnswer<number>(undefined, { value: 1 });
    expect(first).toEqual({ value: 1 });
    expect(nextAnswer(first, { value: 2 })).toEqual({ value: 2 });
  });

  it('keeps the previous answer object for an equal value (no re-render), but not for an equal-looking new object', () => {
    const previous: LiveAnswer<unknown> = { value: 3 };
    expect(nextAnswer(previous, { value: 3 })).toBe(previous);
    const rows: LiveAnswer<unknown> = { value: [] };
    expect(nextAnswer(rows, { value: [] })).not.toBe(rows);
  });

  it('an error replaces the value, and a value after an error (even the same one as before) clears it', () => {
    const failed = nextAnswer<number>({ value: 1 }, { error: new Error('closed') });
    expect(failed).toEqual({ error: new Error('closed') });
    expect(nextAnswer(failed, { value: 1 })).toEqual({ value: 1 });
  });
});
