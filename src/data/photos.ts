import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type AttachmentType } from '../core/protocol';
import type { LocalTransaction, LocalWrites } from '../core/client/localStore';
import type { LocalAttachment } from '../core/client/types';
import { sha256Hex } from '../sync/hash';
import { ValidationError } from './validation';

/** A photo as the form hands it over: already downscaled on the device. */
export interface PhotoInput {
  bytes: ArrayBuffer;
  type: AttachmentType;
}

/** Checks a photo and names it by its content; the bytes are copied, so the caller may reuse its buffer. */
export async function preparePhoto(photo: PhotoInput, addedAt: number): Promise<LocalAttachment> {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(photo.type)) {
    throw new ValidationError({ cardPhoto: 'The photo must be a JPEG, PNG or WebP image' });
  }
  if (photo.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new ValidationError({ cardPhoto: 'The photo is larger than 5 MiB' });
  const bytes = photo.bytes.slice(0);
  return { hash: await sha256Hex(bytes), type: photo.type, bytes, state: 'pending', addedAt };
}

/**
 * Stores the photo unless this device has it already (then its state, synced or not, stays).
 * Chained on the transaction's own promise, not awaited in an async function: see LocalStore.
 */
export function keepPhoto(tx: LocalTransaction, photo: LocalAttachment): Promise<LocalWrites> {
  return tx.attachments([photo.hash]).then((found) => (found.has(photo.hash) ? {} : { putAttachments: [photo] }));
}
