import { describe, expect, it } from 'vitest';
import { linesOf, readingProgress, type OcrPage } from './ocrResult';

const line = (text: string, y0: number, y1: number) => ({ text, bbox: { y0, y1 } });

describe('linesOf', () => {
  it('lists every line of every block in reading order, with its height and top', () => {
    const page: OcrPage = {
      blocks: [
        { paragraphs: [{ lines: [line('Mara Gómez\n', 40, 88)] }, { lines: [line('Head of Sales\n', 110, 136)] }] },
        { paragraphs: [{ lines: [line('mara@example.com\n', 300, 326), line('+44 20 7946 0000\n', 340, 366)] }] },
      ],
    };
    expect(linesOf(page)).toEqual([
      { text: 'Mara Gómez', height: 48, top: 40 },
      { text: 'Head of Sales', height: 26, top: 110 },
      { text: 'mara@example.com', height: 26, top: 300 },
      { text: '+44 20 7946 0000', height: 26, top: 340 },
    ]);
  });

  it('drops empty lines and folds runs of spaces', () => {
    const page: OcrPage = { blocks: [{ paragraphs: [{ lines: [line('  \n', 0, 10), line('Acme   Ltd \n', 20, 40)] }] }] };
    expect(linesOf(page)).toEqual([{ text: 'Acme Ltd', height: 20, top: 20 }]);
  });

  it('reads a page with no blocks as no lines', () => {
    expect(linesOf({ blocks: null })).toEqual([]);
  });
});

describe('readingProgress', () => {
  it('places each stage on one bar, in the order tesseract.js runs them', () => {
    const order = ['loading tesseract core', 'initializing tesseract', 'loading language traineddata', 'initializing api', 'recognizing text'];
    const points = order.flatMap((status) => [readingProgress(status, 0)!, readingProgress(status, 1)!]);
    expect(points[0]).toBe(0);
    expect(points.at(-1)).toBe(1);
    for (let i = 1; i < points.length; i++) expect(points[i]!).toBeGreaterThanOrEqual(points[i - 1]!);
  });

  it('scales within a stage and clamps what is reported', () => {
    expect(readingProgress('recognizing text', 0.5)).toBeCloseTo(0.825);
    expect(readingProgress('recognizing text', 7)).toBe(1);
  });

  it('ignores stages it does not know', () => {
    expect(readingProgress('something new', 0.5)).toBeNull();
  });
});
