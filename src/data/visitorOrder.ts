import type { LocalVisitor } from '../core/client/types';

/**
 * The visitor list's orders and filters as plain logic. `visitorWindow.ts` reads them through
 * indexes; these functions say the same in code, for the rows it has to sort itself (a search,
 * or filters that no one index answers), so both ways give the same list.
 */

export const VISITOR_SORTS = ['recent', 'name', 'rating'] as const;
/** `recent`: newest capture first; `name`: A to Z; `rating`: highest first, then A to Z. */
export type VisitorSort = (typeof VISITOR_SORTS)[number];

/** The list's filters; each one set narrows the list, and they combine (and with a search). */
export interface VisitorFilters {
  /** Captured at or after `from` and before `to` (ISO 8601 instants, as `capturedAt` holds). */
  capturedWithin?: { from: string; to: string } | null;
  /** Only the visitors to follow up. */
  followUp?: boolean;
  /** Only the visitors rated 4 or 5. */
  hot?: boolean;
}

/** The lowest rating that counts as hot, and the highest there is. */
export const HOT_RATING = 4;
export const MAX_RATING = 5;

/**
 * IndexedDB orders strings by UTF-16 code unit, not by locale, and ties by primary key
 * (reversed with the index): the same here. `capturedAt` is written by `toISOString()`, so
 * its code-unit order is time order.
 */
const byUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const COMPARATORS: Record<VisitorSort, (a: LocalVisitor, b: LocalVisitor) => number> = {
  recent: (a, b) => byUnits(b.data.capturedAt, a.data.capturedAt) || byUnits(b.id, a.id),
  name: (a, b) => byUnits(a.sortName, b.sortName) || byUnits(a.id, b.id),
  rating: (a, b) => b.data.rating - a.data.rating || byUnits(a.sortName, b.sortName) || byUnits(a.id, b.id),
};

export function compareVisitors(sort: VisitorSort): (a: LocalVisitor, b: LocalVisitor) => number {
  return COMPARATORS[sort];
}

/** `search` matches name, company, email or notes (substring, any case); empty matches all. */
export function matchesSearch({ data }: LocalVisitor, search: string): boolean {
  const q = search.trim().toLowerCase();
  return !q || [data.name, data.company, data.email, data.notes].some((v) => v.toLowerCase().includes(q));
}

export function matchesFilters({ data }: LocalVisitor, filters: VisitorFilters): boolean {
  const within = filters.capturedWithin;
  if (within && !(data.capturedAt >= within.from && data.capturedAt < within.to)) return false;
  if (filters.followUp && !data.followUp) return false;
  return !(filters.hot && data.rating < HOT_RATING);
}

export function hasFilters(filters: VisitorFilters): boolean {
  return Boolean(filters.capturedWithin || filters.followUp || filters.hot);
}
