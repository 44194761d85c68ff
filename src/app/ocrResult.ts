import type { OcrLine } from '../core/capture/cardText';

/** The part of tesseract.js's page output (`blocks: true`) that card reading needs. */
export interface OcrPage {
  blocks: Array<{ paragraphs: Array<{ lines: Array<{ text: string; bbox: { y0: number; y1: number } }> }> }> | null;
}

/** Each recognised line in reading order, with its box's height and top (px of the photo read). */
export function linesOf(page: OcrPage): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+/g, ' ').trim();
        if (text) lines.push({ text, height: line.bbox.y1 - line.bbox.y0, top: line.bbox.y0 });
      }
    }
  }
  return lines;
}

/**
 * Where each of tesseract.js's stages sits on the one progress bar: loading the core is the
 * long part on a first read (several MB, with no progress of its own), recognising on later ones.
 */
const STAGES: Record<string, [start: number, end: number]> = {
  'loading tesseract core': [0, 0.35],
  'initializing tesseract': [0.35, 0.4],
  'loading language traineddata': [0.4, 0.6],
  'initializing api': [0.6, 0.65],
  'recognizing text': [0.65, 1],
};

/** The overall fraction done after tesseract.js reported `progress` (0–1) of `status`; null: a stage not shown. */
export function readingProgress(status: string, progress: number): number | null {
  const stage = STAGES[status];
  if (!stage) return null;
  const [start, end] = stage;
  return start + (end - start) * Math.min(1, Math.max(0, progress));
}
