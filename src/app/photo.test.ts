import { describe, expect, it } from 'vitest';
import { JPEG_QUALITIES, PHOTO_BUDGET_BYTES, fitWithin, nextQuality } from './photo';

describe('fitWithin', () => {
  it('brings the longest side down to 1,600 px and keeps the aspect ratio', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin(800, 500)).toEqual({ width: 800, height: 500 });
    expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600 });
  });

  it('keeps at least one pixel on a very thin image', () => {
    expect(fitWithin(10_000, 2)).toEqual({ width: 1600, height: 1 });
  });
});

describe('nextQuality', () => {
  it('keeps the first encoding that fits the budget', () => {
    expect(nextQuality(0.85, PHOTO_BUDGET_BYTES)).toBeNull();
    expect(nextQuality(0.85, 120_000)).toBeNull();
  });

  it('steps the quality down while the photo is too large', () => {
    expect(nextQuality(0.85, PHOTO_BUDGET_BYTES + 1)).toBe(0.75);
    expect(nextQuality(0.75, 900_000)).toBe(0.65);
  });

  it('stops at the lowest quality, whatever the size', () => {
    expect(nextQuality(JPEG_QUALITIES.at(-1)!, 2_000_000)).toBeNull();
  });

  it('tries each quality at most once, from the highest down', () => {
    const tried: number[] = [JPEG_QUALITIES[0]];
    for (let q = nextQuality(tried[0]!, Infinity); q !== null; q = nextQuality(q, Infinity)) tried.push(q);
    expect(tried).toEqual([...JPEG_QUALITIES]);
  });
});
