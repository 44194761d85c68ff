import { MESSAGES, storageFailedMessage } from '../core/messages';
import { isOutOfStorage } from '../data/storageErrors';

/** What the person reads when this device could not store a change (the form keeps their input). */
export function storageErrorMessage(error: unknown): string {
  if (isOutOfStorage(error)) return MESSAGES.out_of_storage;
  return storageFailedMessage(error instanceof Error ? error.message : String(error));
}
