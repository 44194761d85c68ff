import type { ConflictRecord } from '../client/types';

/** An open update-update conflict on Company (base "Base", mine "Mine", theirs "Theirs"), for tests. */
export function companyConflict(id: string, overrides: Partial<ConflictRecord> = {}): ConflictRecord {
  return {
    id,
    collection: 'visitors',
    kind: 'update-update',
    fields: ['company'],
    base: { company: 'Base' },
    mine: { company: 'Mine' },
    theirs: { company: 'Theirs' },
    theirsBy: 'bob',
    theirsAt: 't',
    detectedAt: 1,
    ...overrides,
  };
}
