/**
 * On-device barcode reading: the browser's own `BarcodeDetector` where it reads QR codes,
 * otherwise the ZXing ponyfill, loaded (with its wasm) only when someone first scans.
 */

/** The codes a badge carries, named as the Barcode Detection API names them. */
export const BADGE_FORMATS = ['qr_code', 'code_128', 'pdf417'] as const;

export type BarcodeSource = HTMLVideoElement | ImageBitmap;

export interface BarcodeReader {
  /** Which decoder runs: the browser's, or the bundled ZXing one. */
  engine: 'native' | 'zxing';
  /** The text of the first code found in the image, or null when there is none. */
  read(source: BarcodeSource): Promise<string | null>;
}

/** The part of the Barcode Detection API (native or ponyfill) that Outpost uses. */
export interface Detector {
  detect(source: BarcodeSource): Promise<ReadonlyArray<{ rawValue: string }>>;
}

interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<readonly string[]>;
}

let shared: Promise<BarcodeReader> | undefined;

/** One reader per page: the decoder is instantiated once, and again only after a failure. */
export function createBarcodeReader(): Promise<BarcodeReader> {
  shared ??= buildReader().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

async function buildReader(): Promise<BarcodeReader> {
  const native = await nativeDetector();
  if (native) return readerOf(native, 'native');
  const { createZXingDetector } = await import('./zxingDetector');
  return readerOf(await createZXingDetector([...BADGE_FORMATS]), 'zxing');
}

async function nativeDetector(): Promise<Detector | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  // Some platforms expose the API with no formats behind it.
  const supported = await Native.getSupportedFormats().catch(() => [] as readonly string[]);
  const formats: string[] = BADGE_FORMATS.filter((format) => supported.includes(format));
  return formats.includes('qr_code') ? new Native({ formats }) : null;
}

function readerOf(detector: Detector, engine: BarcodeReader['engine']): BarcodeReader {
  return {
    engine,
    read: async (source) => (await detector.detect(source)).find((code) => code.rawValue !== '')?.rawValue ?? null,
  };
}

/** The code in a picked photo, or null. Throws when the file is not an image the browser can open. */
export async function readImageFile(reader: BarcodeReader, file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return await reader.read(bitmap);
  } finally {
    bitmap.close();
  }
}

const SCAN_INTERVAL_MS = 150;

/**
 * Reads the video's frames every 150 ms until one holds a code; rejects when `signal` aborts.
 * A frame that fails to decode (the video not started yet, say) is skipped.
 */
export function scanVideo(reader: BarcodeReader, video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    const tick = async () => {
      const ready = video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0;
      const text = ready ? await reader.read(video).catch(() => null) : null;
      if (signal.aborted) return;
      if (text === null) {
        timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
        return;
      }
      signal.removeEventListener('abort', abort);
      resolve(text);
    };
    void tick();
  });
}
