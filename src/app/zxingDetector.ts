import { BarcodeDetector, prepareZXingModule, purgeZXingModule, type BarcodeFormat } from 'barcode-detector/ponyfill';
// barcode-detector bundles its own build of zxing-wasm's JavaScript, and the wasm must be that
// exact build's (vite.config.ts resolves this name from barcode-detector's own dependency).
import wasmUrl from 'barcode-detector/zxing_reader.wasm?url';
import type { Detector } from './barcode';

// Served by Outpost (a hashed asset the service worker caches), never the CDN that ZXing
// defaults to: scanning must work offline and send nothing to a third party.
const overrides = {
  locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
};

/** The ponyfill, with its wasm instantiated now so that a failure shows when scanning starts. */
export async function createZXingDetector(formats: string[]): Promise<Detector> {
  try {
    await prepareZXingModule({ overrides, fireImmediately: true });
  } catch (error) {
    // The module caches its failed instantiation: forget it, so the next attempt fetches again.
    purgeZXingModule();
    throw error;
  }
  return new BarcodeDetector({ formats: formats as BarcodeFormat[] });
}
