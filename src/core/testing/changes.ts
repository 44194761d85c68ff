import type { Change, VisitorData } from '../protocol';
import { visitorData } from './visitorData';

/** A pulled change for tests. */
export function change(id: string, rev: number, data: Partial<VisitorData> = {}, deleted = false): Change {
  return {
    collection: 'visitors',
    id,
    rev,
    deleted,
    data: visitorData(data),
    updatedAt: new Date(1_700_000_000_000 + rev * 1000).toISOString(),
    updatedBy: 'bob@example.com',
  };
}
