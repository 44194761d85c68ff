import { describe, expect, it } from 'vitest';
import { SettledCursor } from './settledCursor';

describe('SettledCursor', () => {
  it('allows compact changes only from the cursor of a pull that finished, never from a page within one', () => {
    const settled = new SettledCursor();
    expect(settled.allowsCompact(40)).toBe(false);
    settled.answered({ cursor: 40, hasMore: true });
    expect(settled.allowsCompact(40)).toBe(false);
    settled.answered({ cursor: 90, hasMore: false });
    expect(settled.allowsCompact(90)).toBe(true);
    expect(settled.allowsCompact(40)).toBe(false);
    settled.answered({ cursor: 120, hasMore: true });
    expect(settled.allowsCompact(90)).toBe(false);
    expect(new SettledCursor().allowsCompact(0)).toBe(false);
  });
});
