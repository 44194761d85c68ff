/** The service worker's cache of /ocr/ (sw/sw.ts names it too). */
export const OCR_CACHE = 'outpost-ocr';

/**
 * Drops what an earlier version of the card reader left in the cache: the URLs carry their
 * versions, so after an update the old ~7 MB would stay for ever.
 */
export async function dropOtherOcrVersions(current: readonly string[]): Promise<void> {
  if (typeof caches === 'undefined' || !(await caches.has(OCR_CACHE))) return;
  const cache = await caches.open(OCR_CACHE);
  const keep = new Set(current);
  const stale = (await cache.keys()).filter((request) => !keep.has(new URL(request.url).pathname));
  await Promise.all(stale.map((request) => cache.delete(request)));
}
