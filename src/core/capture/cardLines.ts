import { oneLine } from './clean';

export interface OcrLine {
  text: string;
  /** Height of the line's box in px (bigger = more prominent). */
  height: number;
  /** Top of the box in px. */
  top: number;
}

/** Past this a "card" is a page of text; the rest is not read. */
const MAX_LINES = 200;
const MAX_LINE_LENGTH = 200;
/** What OCR makes of rules, bullets and box edges, at either end of a line. */
const EDGE_NOISE = /^[\s|¦!—–_~•·*=#>:;,.\-\\/]+|[\s|¦!—–_~•·*=#<:;,\-\\/]+$/gu;

/**
 * The card's lines, top to bottom: text on one line with edge noise ("|", "—") trimmed,
 * lines with fewer than two letters or digits dropped, a missing or odd size read as 0.
 */
export function cardLines(lines: readonly OcrLine[]): OcrLine[] {
  if (!Array.isArray(lines)) return [];
  return lines
    .slice(0, MAX_LINES)
    .flatMap(toCardLine)
    .sort((a, b) => a.top - b.top);
}

/** `text` without the noise OCR leaves at its ends. */
export function trimNoise(text: string): string {
  return text.replace(EDGE_NOISE, '');
}

function toCardLine(line: unknown): OcrLine[] {
  if (!line || typeof line !== 'object') return [];
  const { text, height, top } = line as Partial<Record<keyof OcrLine, unknown>>;
  if (typeof text !== 'string') return [];
  const clean = trimNoise(oneLine(text.slice(0, MAX_LINE_LENGTH)));
  if ((clean.match(/[\p{L}\p{N}]/gu) ?? []).length < 2) return [];
  return [{ text: clean, height: size(height), top: size(top) }];
}

function size(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
