import type { OutpostDb } from '../db/schema';
import type { LocalVisitor } from '../core/client/types';
import type { SyncStatus } from '../core/client/status';
import { countQueued } from '../db/workspaceData';
import { liveRead, throttledRead, type Subscribable } from './live';
import {
  getConflictView,
  getPhoto,
  getLocalCursor,
  getSyncStatus,
  getVisitor,
  listConflictSummaries,
  outboxCounts,
  pendingCount,
  visitorCount,
  visitorWindow,
  listVisitors,
  type ConflictSummary,
  type ConflictView,
  type OutboxCounts,
  type PhotoView,
  type VisitorWindow,
} from './queries';

export type { Subscribable } from './live';
export type { ConflictSummary, ConflictView, OutboxCounts, PhotoView, VisitorWindow } from './queries';

/** Which slice of the visitor list to read: positions [offset, offset + limit) of the matches. */
export interface VisitorRange {
  /** Matches name, company, email or notes (substring, any case); empty: every visitor. */
  search?: string;
  offset: number;
  limit: number;
}

/**
 * Everything the UI reads, without a database handle. Live reads return a `Subscribable` that
 * delivers again after each write touching what it read; the two over tables a sync writes in
 * bulk (the list and the counts) re-run at most once per `LIVE_QUERY_INTERVAL_MS`, the others
 * at once. The rest are one-off reads, for when the answer is needed once.
 */
export interface Queries {
  /** One visitor; null when this device has no such visitor (never synced here, or deleted). */
  visitor(id: string): Subscribable<LocalVisitor | null>;
  /** A slice of the visitor list in name order, and how many match. Throttled. */
  visitorWindow(range: VisitorRange): Subscribable<VisitorWindow>;
  /** What the status bar counts, as `viewer` (a user id) sees it. Throttled: a drain changes the outbox every batch. */
  outboxCounts(viewer: string | null): Subscribable<OutboxCounts>;
  syncStatus(): Subscribable<SyncStatus>;
  /** A card photo's bytes, once this device has them (taken here, or downloaded). */
  photo(hash: string): Subscribable<PhotoView | null>;
  /** The open conflicts, each with its visitor's name. */
  conflicts(): Subscribable<ConflictSummary[]>;
  /** A record's open conflict and its row, for the conflict dialog. */
  conflictView(id: string): Subscribable<ConflictView>;
  /** Changes waiting to be sent (not the rejected ones), read once. */
  pendingCount(): Promise<number>;
  /** The highest revision this device has pulled. */
  localCursor(): Promise<number>;
  /** Ops in the outbox (pending, in flight or failed). */
  queuedCount(): Promise<number>;
  /** Visitor rows on this device. */
  visitorCount(): Promise<number>;
  /** The visitors matching `search` (every one without), in name order, read once: what an export writes, offline too. */
  listVisitors(search?: string): Promise<LocalVisitor[]>;
}

export function createQueries(db: OutpostDb): Queries {
  return {
    visitor: (id) => liveRead(async () => (await getVisitor(db, id)) ?? null),
    visitorWindow: ({ search = '', offset, limit }) => throttledRead(db, ['visitors'], () => visitorWindow(db, { search, offset, limit })),
    outboxCounts: (viewer) => throttledRead(db, ['outbox', 'conflicts', 'attachments'], () => outboxCounts(db, viewer)),
    photo: (hash) => liveRead(() => getPhoto(db, hash)),
    syncStatus: () => liveRead(() => getSyncStatus(db)),
    conflicts: () => liveRead(() => listConflictSummaries(db)),
    conflictView: (id) => liveRead(() => getConflictView(db, id)),
    pendingCount: () => pendingCount(db),
    localCursor: () => getLocalCursor(db),
    queuedCount: () => countQueued(db),
    visitorCount: () => visitorCount(db),
    listVisitors: (search) => listVisitors(db, search),
  };
}
