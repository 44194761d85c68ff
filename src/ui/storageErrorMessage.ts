import { isOutOfStorage } from '../data/storageErrors';

/** What the person reads when this device could not store a change (the form keeps their input). */
export function storageErrorMessage(error: unknown): string {
  if (isOutOfStorage(error)) {
    return 'This device is out of storage space, so the change was not saved. Free some space on the device and try again.';
  }
  return `The change could not be saved on this device: ${error instanceof Error ? error.message : String(error)}. Try again.`;
}
