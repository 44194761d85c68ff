import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeSets, mergeText } from './merge';

describe('mergeSets', () => {
  it('keeps items added by either side and drops items removed by either side', () => {
    expect(mergeSets(['a', 'b', 'c'], ['a', 'b', 'x'], ['b', 'c', 'y'])).toEqual(['b', 'y', 'x']);
  });

  const item = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
  const set = fc.uniqueArray(item, { maxLength: 7 });

  it('never resurrects an item either side removed, never loses an item either side added', () => {
    fc.assert(
      fc.property(set, set, set, (base, mine, theirs) => {
        const merged = mergeSets(base, mine, theirs);
        for (const x of base) {
          if (!mine.includes(x) || !theirs.includes(x)) expect(merged).not.toContain(x);
        }
        for (const x of [...mine, ...theirs]) {
          if (!base.includes(x)) expect(merged).toContain(x);
        }
        expect(new Set(merged).size).toBe(merged.length);
      }),
    );
  });

  it("takes the other side as is when one side changed nothing", () => {
    fc.assert(
      fc.property(set, set, (base, other) => {
        expect(mergeSets(base, base, other)).toEqual(other);
        expect(new Set(mergeSets(base, other, base))).toEqual(new Set(other));
      }),
    );
  });
});

describe('mergeText', () => {
  const base = ['Met at booth 4', 'Wants a demo', 'Budget: unknown', 'Call after the show'].join('\n');

  it('merges edits to different lines', () => {
    const mine = base.replace('Wants a demo', 'Wants a demo next week');
    const theirs = base.replace('Call after the show', 'Call on Monday');
    expect(mergeText(base, mine, theirs)).toBe(
      ['Met at booth 4', 'Wants a demo next week', 'Budget: unknown', 'Call on Monday'].join('\n'),
    );
  });

  it('refuses overlapping edits of the same line', () => {
    expect(mergeText(base, base.replace('unknown', '10k'), base.replace('unknown', '20k'))).toBeNull();
  });

  it('merges edits of neighbouring lines: each replaces its own line', () => {
    const mine = base.replace('Wants a demo', 'Wants two demos');
    const theirs = base.replace('Budget: unknown', 'Budget: 5k');
    expect(mergeText(base, mine, theirs)).toBe(['Met at booth 4', 'Wants two demos', 'Budget: 5k', 'Call after the show'].join('\n'));
  });

  it('keeps lines both sides appended, theirs first, each line once', () => {
    expect(mergeText(base, `${base}\nSend pricing`, `${base}\nCalled back\nSend pricing`)).toBe(`${base}\nCalled back\nSend pricing`);
    expect(mergeText('', 'Mine', 'Theirs')).toBe('Theirs\nMine');
  });

  it('refuses a line inserted inside a range the other side rewrote', () => {
    const mine = ['Met at booth 4', 'Wants a demo', 'NEW', 'Budget: unknown', 'Call after the show'].join('\n');
    const theirs = ['Met at booth 4', 'Rewritten both', 'Call after the show'].join('\n');
    expect(mergeText(base, mine, theirs)).toBeNull();
  });

  it('an insertion next to a rewritten line goes where it was made', () => {
    const mine = ['Met at booth 4', 'NEW', 'Wants a demo', 'Budget: unknown', 'Call after the show'].join('\n');
    const theirs = base.replace('Wants a demo', 'Wants a demo soon');
    expect(mergeText(base, mine, theirs)).toBe(['Met at booth 4', 'NEW', 'Wants a demo soon', 'Budget: unknown', 'Call after the show'].join('\n'));
  });

  it('accepts the same edit made on both sides', () => {
    const both = base.replace('unknown', '10k');
    expect(mergeText(base, both, both)).toBe(both);
  });

  const lines = fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'eps', ''), { minLength: 0, maxLength: 8 });
  const editOf = (source: string[]) =>
    fc.record({ at: fc.nat(), drop: fc.nat({ max: 2 }), add: fc.array(fc.constantFrom('new1', 'new2', 'new3'), { maxLength: 2 }) }).map(
      ({ at, drop, add }) => {
        const position = source.length === 0 ? 0 : at % (source.length + 1);
        const copy = [...source];
        copy.splice(position, drop, ...add);
        return copy;
      },
    );

  it('when it merges, each side keeps every line the other side did not touch', () => {
    fc.assert(
      fc.property(
        lines.chain((b) => fc.tuple(fc.constant(b), editOf(b), editOf(b))),
        ([b, m, t]) => {
          const merged = mergeText(b.join('\n'), m.join('\n'), t.join('\n'));
          if (merged === null) return;
          const mergedLines = merged.split('\n');
          // Lines a side added appear in the result.
          for (const side of [m, t]) {
            const added = side.filter((l) => l.startsWith('new'));
            const count = (arr: string[], l: string) => arr.filter((x) => x === l).length;
            for (const l of new Set(added)) expect(count(mergedLines, l)).toBeGreaterThanOrEqual(count(side, l) - count(b, l));
          }
          // Identity laws.
          expect(mergeText(b.join('\n'), m.join('\n'), b.join('\n'))).toBe(m.join('\n'));
          expect(mergeText(b.join('\n'), b.join('\n'), t.join('\n'))).toBe(t.join('\n'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is symmetric up to the order of lines both sides inserted at one point', () => {
    fc.assert(
      fc.property(
        lines.chain((b) => fc.tuple(fc.constant(b), editOf(b), editOf(b))),
        ([b, m, t]) => {
          const one = mergeText(b.join('\n'), m.join('\n'), t.join('\n'));
          const other = mergeText(b.join('\n'), t.join('\n'), m.join('\n'));
          expect(one === null).toBe(other === null);
          if (one !== null) expect(one.split('\n').sort()).toEqual(other!.split('\n').sort());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps every base line neither side removed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('l0', 'l1', 'l2', 'l3', 'l4', 'l5'), { maxLength: 6 }).chain((b) => fc.tuple(fc.constant(b), editOf(b), editOf(b))),
        ([b, m, t]) => {
          const merged = mergeText(b.join('\n'), m.join('\n'), t.join('\n'));
          if (merged === null) return;
          const out = merged.split('\n');
          for (const line of b) if (m.includes(line) && t.includes(line)) expect(out).toContain(line);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('mergeText work', () => {
  it('counts the characters it reads and the cells of each diff it computes, the same every time', () => {
    const base = ['1', '2', '3', '4'].join('\n');
    const mine = ['1', 'two', '3', '4'].join('\n');
    const theirs = ['1', '2', '3', 'four'].join('\n');
    const meter = { spent: 0 };
    expect(mergeText(base, mine, theirs, meter)).toBe(['1', 'two', '3', 'four'].join('\n'));
    // 7 + 9 + 10 characters; mine: 1 + 2 lines trimmed, a 2×2 table; theirs: 3 trimmed, 2×2.
    expect(meter.spent).toBe(26 + 3 + 4 + 3 + 4);
    const again = { spent: 0 };
    mergeText(base, mine, theirs, again);
    expect(again.spent).toBe(meter.spent);
  });

  it('counts a diff too large to compute as the lines it compared, not the table it refused', () => {
    const base = Array.from({ length: 2500 }, (_, i) => `b${i}`).join('\n');
    const theirs = Array.from({ length: 2500 }, (_, i) => `t${i}`).join('\n');
    const meter = { spent: 0 };
    expect(mergeText(base, `${base}\nmine`, theirs, meter)).toBeNull();
    expect(meter.spent).toBeLessThan(100_000);
  });
});
