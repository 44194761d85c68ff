import { describe, expect, it } from 'vitest';
import { createPersistenceRequest, type PersistableStorage } from './persistentStorage';

function fakeStorage(persisted: boolean, grants: boolean) {
  const calls = { persist: 0 };
  const storage: PersistableStorage = {
    persisted: async () => persisted,
    persist: async () => {
      calls.persist += 1;
      return grants;
    },
  };
  return { storage, calls };
}

describe('asking for persistent storage', () => {
  it('asks once, at the first queued write, and reports what the browser said', async () => {
    const { storage, calls } = fakeStorage(false, true);
    const request = createPersistenceRequest(storage);
    expect(await request()).toBe(true);
    expect(await request()).toBe(true);
    expect(calls.persist).toBe(1);
  });

  it('does not ask when the storage is persisted already, and copes with a refusal or no Storage API', async () => {
    const already = fakeStorage(true, false);
    expect(await createPersistenceRequest(already.storage)()).toBe(true);
    expect(already.calls.persist).toBe(0);
    expect(await createPersistenceRequest(fakeStorage(false, false).storage)()).toBe(false);
    expect(await createPersistenceRequest(undefined)()).toBe(false);
  });
});
