import type { LocalStore } from '../core/client/localStore';
import { sha256Hex } from '../sync/hash';
import type { Transport } from '../sync/transport';

/** Card photos this device shows but lacks (taken on another device). */
export interface PhotoDownloads {
  /**
   * Downloads the photo unless this device has it, and keeps it for offline viewing. True when
   * it is here now; false when it could not be had (offline, or not uploaded yet): call again
   * later. Calls for one photo while a download runs share it.
   */
  ensure(hash: string): Promise<boolean>;
}

export function createPhotoDownloads(store: LocalStore, transport: Transport, now: () => number = Date.now): PhotoDownloads {
  const running = new Map<string, Promise<boolean>>();
  const have = async (hash: string) => (await store.transaction(['attachments'], (tx) => tx.attachments([hash]))).has(hash);

  async function download(hash: string): Promise<boolean> {
    if (await have(hash)) return true;
    const found = await transport.getAttachment(hash).catch(() => null);
    // Never keep bytes that are not what the record names.
    if (!found || (await sha256Hex(found.bytes)) !== hash) return false;
    await store.transaction(['attachments'], async (tx) => {
      if ((await tx.attachments([hash])).has(hash)) return;
      await tx.write({ putAttachments: [{ hash, type: found.type, bytes: found.bytes, state: 'synced', addedAt: now() }] });
    });
    return true;
  }

  return {
    ensure(hash) {
      let job = running.get(hash);
      if (!job) {
        job = download(hash).finally(() => running.delete(hash));
        running.set(hash, job);
      }
      return job;
    },
  };
}
