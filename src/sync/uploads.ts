import type { LocalStore } from '../core/client/localStore';
import type { LocalAttachment } from '../core/client/types';
import { RequestRejectedError } from '../core/errors';
import type { Transport } from './transport';

/**
 * Uploads the photos taken on this device, oldest first, one at a time (one photo in memory,
 * none in a transaction while it travels). The server stores each under its hash, so a photo
 * sent twice (a lost answer, two drainers) is stored once. A photo the server refuses for
 * good (too large, bytes not matching their hash) is marked failed with the server's words and
 * the rest go on; any other failure stops the round, to be retried with the sync's backoff.
 * Returns how many were uploaded.
 */
export async function uploadAttachments(store: LocalStore, transport: Transport): Promise<number> {
  let uploaded = 0;
  for (;;) {
    const [next] = await store.transaction(['attachments'], (tx) => tx.pendingAttachments(1));
    if (!next) return uploaded;
    try {
      await transport.putAttachment(next.hash, next.bytes, next.type);
      await settle(store, { ...next, state: 'synced' });
      uploaded++;
    } catch (e) {
      if (!(e instanceof RequestRejectedError)) throw e;
      await settle(store, { ...next, state: 'failed', lastError: { code: 'photo_rejected', message: e.message } });
    }
  }
}

function settle(store: LocalStore, attachment: LocalAttachment): Promise<void> {
  return store.transaction(['attachments'], (tx) => tx.write({ putAttachments: [attachment] }));
}
