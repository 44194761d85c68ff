import type { OutpostDb } from '../db/schema';
import type { LocalVisitor } from '../core/client/types';
import type { SyncStatus } from '../core/client/status';
import { countQueued } from '../db/workspaceData';
import { COUNTS_PACE, LIST_PACE, liveRead, throttledRead, type Subscribable } from './live';
import { queuedSince, type QueuedSince } from './queuedSince';
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
  visitorSummary,
  visitorWindow,
  listVisitors,
  type ConflictSummary,
  type ConflictView,
  type OutboxCounts,
  type PhotoView,
  type VisitorSummary,
  type VisitorWindow,
} from './queries';
import type { VisitorFilters, VisitorSort } from './visitorOrder';
import { getSyncStats } from './queries';
import { possibleDuplicatesOf, type PossibleDuplicates } from './duplicates';
import type { SyncStats } from '../core/client/syncStats';

export type { Subscribable } from './live';
export type { PossibleDuplicates } from './duplicates';
export type { ConflictSummary, ConflictView, OutboxCounts, PhotoView, VisitorSummary, VisitorWindow } from './queries';
export { VISITOR_SORTS, type VisitorFilters, type VisitorSort } from './visitorOrder';

/** Which slice of the visitor list to read: positions [offset, offset + limit) of the matches. */
export interface VisitorRange {
  /** Matches name, company, email or notes (substring, any case); empty: every visitor. */
  search?: string;
  /** Default `recent`: newest capture first. */
  sort?: VisitorSort;
  /** Each one set narrows the list; they combine, and with the search. */
  filters?: VisitorFilters;
  offset: number;
  limit: number;
}

/**
 * Everything the UI reads, without a database handle. Live reads return a `Subscribable` that
 * delivers again after each write touching what it read; the ones over tables a sync writes in
 * bulk re-run at a pace (live.ts): the list, its summary and the outbox counts a few times a
 * second, the duplicate marks and the oldest queued change once a second and after the list; the
 * others at once. The rest are one-off reads, for when the answer is needed once.
 */
export interface Queries {
  /** One visitor; null when this device has no such visitor (never synced here, or deleted). */
  visitor(id: string): Subscribable<LocalVisitor | null>;
  /** A slice of the visitor list in `range.sort` order, and how many match. Throttled. */
  visitorWindow(range: VisitorRange): Subscribable<VisitorWindow>;
  /** How many visitors there are, were captured within `today` (ISO instants), and are to follow up. Throttled. */
  visitorSummary(today: { from: string; to: string }): Subscribable<VisitorSummary>;
  /** What the status bar counts, as `viewer` (a user id) sees it. Throttled: a drain changes the outbox every batch. */
  outboxCounts(viewer: string | null): Subscribable<OutboxCounts>;
  syncStatus(): Subscribable<SyncStatus>;
  /** How many changes wait to be sent, and since when. */
  queuedSince(): Subscribable<QueuedSince>;
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
  /** The visitors matching `search` and `filters` (every one without), in name order, read once: what an export writes, offline too. */
  listVisitors(search?: string, filters?: VisitorFilters): Promise<LocalVisitor[]>;
  /** What this device measured of its syncs, for Sync details: meta `syncStats`, written once per sync. */
  syncStats(): Subscribable<SyncStats>;
  /** Which of the visitors `ids` may be the same person as others, and as whom (data/duplicates.ts). Throttled. */
  possibleDuplicatesOf(ids: readonly string[]): Subscribable<PossibleDuplicates>;
}

export function createQueries(db: OutpostDb): Queries {
  return {
    visitor: (id) => liveRead(async () => (await getVisitor(db, id)) ?? null),
    visitorWindow: (range) => throttledRead(db, ['visitors'], () => visitorWindow(db, range)),
    // The tallies answer it in a read or two (db/tallies.ts): at the list's pace.
    visitorSummary: (today) => throttledRead(db, ['visitors'], () => visitorSummary(db, today), LIST_PACE),
    // At the list's pace, not the counts': the status bar must not say "All changes synced" for
    // long after a save. The outbox is small except during a drain.
    outboxCounts: (viewer) => throttledRead(db, ['outbox', 'conflicts', 'attachments'], () => outboxCounts(db, viewer), LIST_PACE),
    photo: (hash) => liveRead(() => getPhoto(db, hash)),
    syncStatus: () => liveRead(() => getSyncStatus(db)),
    queuedSince: () => throttledRead(db, ['outbox'], () => queuedSince(db), COUNTS_PACE),
    conflicts: () => liveRead(() => listConflictSummaries(db)),
    conflictView: (id) => liveRead(() => getConflictView(db, id)),
    pendingCount: () => pendingCount(db),
    localCursor: () => getLocalCursor(db),
    queuedCount: () => countQueued(db),
    visitorCount: () => visitorCount(db),
    listVisitors: (search, filters) => listVisitors(db, search, filters),
    syncStats: () => liveRead(() => getSyncStats(db)),
    possibleDuplicatesOf: (ids) => throttledRead(db, ['visitors'], () => possibleDuplicatesOf(db, ids), COUNTS_PACE),
  };
}
