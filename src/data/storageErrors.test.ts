import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isOutOfStorage } from './storageErrors';

describe('isOutOfStorage', () => {
  it('recognises IndexedDB’s quota error and Dexie’s wrappings of it', () => {
    const raw = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isOutOfStorage(raw)).toBe(true);
    expect(isOutOfStorage(new Dexie.QuotaExceededError('Quota exceeded', raw))).toBe(true);
    // A transaction aborted by the quota error: Dexie reports the abort, with the cause inside.
    expect(isOutOfStorage(new Dexie.AbortError('Transaction aborted', raw))).toBe(true);
  });

  it('is false for other failures', () => {
    expect(isOutOfStorage(new Dexie.DatabaseClosedError('Database has been closed'))).toBe(false);
    expect(isOutOfStorage(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(isOutOfStorage('disk on fire')).toBe(false);
    expect(isOutOfStorage(null)).toBe(false);
  });
});
