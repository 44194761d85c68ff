import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 30;
/** BT.601 limited range: white and black in the Y plane; U and V 128 (no colour). */
const WHITE = 235;
const BLACK = 16;
const QUIET_ZONE = 4;

/**
 * Writes what Chromium's fake camera shows (TESTING-NOTES.md, "Fake camera"): a 640x480
 * YUV4MPEG2 (C420jpeg) file of 30 identical frames, a QR code of `text` centred on white, or
 * plain white when `text` is null. Returns `path`, which must be absolute for the flag.
 */
export function writeFakeCamera(path: string, text: string | null): string {
  const luma = text === null ? Buffer.alloc(WIDTH * HEIGHT, WHITE) : qrLuma(text);
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
  return path;
}

/** The Y plane: the code's modules as square blocks, as large as fit in 90% of the height. */
function qrLuma(text: string): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = Math.floor((HEIGHT * 0.9) / (size + 2 * QUIET_ZONE));
  if (scale < 2) throw new Error(`A QR code of ${size} modules does not fit a ${WIDTH}x${HEIGHT} frame`);
  const left = Math.floor((WIDTH - size * scale) / 2);
  const top = Math.floor((HEIGHT - size * scale) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, WHITE);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue;
      for (let y = 0; y < scale; y++) luma.fill(BLACK, (top + row * scale + y) * WIDTH + left + col * scale, (top + row * scale + y) * WIDTH + left + (col + 1) * scale);
    }
  }
  return luma;
}

/** A PNG photo of a QR code of `text`, as a person would pick it. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: QUIET_ZONE, scale: 8 });
}
