import { describe, expect, it } from 'vitest';
import { storageErrorMessage } from './storageErrorMessage';

const OUT_OF_SPACE = 'This device is out of storage space, so the change was not saved. Free some space on the device and try again.';

/** An error as the database layer reports it: a name, and the browser's error as its `inner`. */
function wrapped(name: string, message: string, inner?: Error): Error {
  return Object.assign(new Error(message), { name, inner });
}

describe('storageErrorMessage', () => {
  it('tells the person the device is full, for IndexedDB’s own error and for a wrapping of it', () => {
    const raw = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(storageErrorMessage(raw)).toBe(OUT_OF_SPACE);
    expect(storageErrorMessage(wrapped('QuotaExceededError', 'Quota exceeded', raw))).toBe(OUT_OF_SPACE);
    // A transaction aborted by the quota error: the abort is reported, with the cause inside.
    expect(storageErrorMessage(wrapped('AbortError', 'Transaction aborted', raw))).toBe(OUT_OF_SPACE);
  });

  it('says what went wrong otherwise, and that trying again is the way on', () => {
    expect(storageErrorMessage(wrapped('DatabaseClosedError', 'Database has been closed'))).toBe(
      'The change could not be saved on this device: Database has been closed. Try again.',
    );
    expect(storageErrorMessage('disk on fire')).toBe('The change could not be saved on this device: disk on fire. Try again.');
  });
});
