import type { PhotoInput } from '../data/visitors';

/** A card photo is stored and synced: big enough to read, small enough for a trade-show network. */
export const MAX_PHOTO_SIDE = 1600;
export const PHOTO_BUDGET_BYTES = 400 * 1024;
/** JPEG qualities tried in turn until the photo fits the budget; the last one is kept regardless. */
export const JPEG_QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45] as const;

/** The picked file is not an image this browser can decode (or not an image at all). */
export class PhotoUnreadableError extends Error {
  readonly code = 'photo_unreadable';
  constructor(options?: { cause?: unknown }) {
    super('The photo could not be read', options);
    this.name = 'PhotoUnreadableError';
  }
}

/** The size to draw at: the longest side at most `maxSide`, never enlarged, at least 1 px. */
export function fitWithin(width: number, height: number, maxSide = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The quality to try after `quality` gave `bytes`, or null to keep that encoding. */
export function nextQuality(quality: number, bytes: number, budget = PHOTO_BUDGET_BYTES): number | null {
  if (bytes <= budget) return null;
  return JPEG_QUALITIES.find((q) => q < quality) ?? null;
}

export interface DownscaledPhoto extends PhotoInput {
  width: number;
  height: number;
}

/**
 * Decodes the picked photo the right way up (its EXIF orientation applied), draws it at most
 * 1,600 px on its longest side and re-encodes it as JPEG, lowering the quality until it fits
 * about 400 KB. The original never leaves the device.
 */
export async function downscalePhoto(file: Blob): Promise<DownscaledPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new PhotoUnreadableError({ cause: error });
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = drawOnCanvas(bitmap, size);
    let quality: number = JPEG_QUALITIES[0];
    let blob = await encodeJpeg(canvas, quality);
    let next = nextQuality(quality, blob.size);
    while (next !== null) {
      quality = next;
      blob = await encodeJpeg(canvas, quality);
      next = nextQuality(quality, blob.size);
    }
    return { bytes: await blob.arrayBuffer(), type: 'image/jpeg', ...size };
  } finally {
    bitmap.close();
  }
}

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;

function drawOnCanvas(bitmap: ImageBitmap, { width, height }: { width: number; height: number }): AnyCanvas {
  const canvas: AnyCanvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!context) throw new PhotoUnreadableError();
  // JPEG has no transparency: a PNG's clear pixels would turn black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas;
}

function encodeJpeg(canvas: AnyCanvas, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoUnreadableError())), 'image/jpeg', quality),
  );
}
