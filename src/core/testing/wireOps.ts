import type { VisitorData, VisitorPatch } from '../protocol';
import { visitorData } from './visitorData';

let counter = 0;
/** A fresh, valid UUID for tests (the core has no random source of its own). */
export function testUuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** The client tests' visitor, with the title, interests, notes and follow-up the server tests expect. */
export function visitor(overrides: Partial<VisitorData> = {}): VisitorData {
  return visitorData({ title: 'Engineer', interests: ['compute'], notes: 'Met at the booth', followUp: true, ...overrides });
}

/** Ops as they travel, for server-side tests. */
export const createOp = (id: string, data: VisitorData, opId: string = testUuid()) => ({ opId, collection: 'visitors', id, kind: 'create' as const, data });

export const updateOp = (id: string, patch: VisitorPatch, base: VisitorPatch, opId: string = testUuid()) => ({
  opId,
  collection: 'visitors',
  id,
  kind: 'update' as const,
  patch,
  base,
});

export const deleteOp = (id: string, base?: VisitorPatch, opId: string = testUuid()) => ({
  opId,
  collection: 'visitors',
  id,
  kind: 'delete' as const,
  ...(base ? { base } : {}),
});
