import { emptyVisitor, type VisitorData } from '../core/protocol';
import type { Outpost } from './outpost';

/**
 * `window.outpostQA`: a small hook for QA and `npm run bench` to build large offline scenarios
 * (thousands of queued changes) without clicking through the form. Everything goes through the
 * real repository and sync schedule, so each visitor is a real row plus a real outbox op.
 *
 * Not part of a default run: src/main.tsx loads this module (a chunk of its own) and installs
 * the hook only when the page set `window.__OUTPOST_QA__ = true` before the app's scripts ran.
 */
export interface OutpostQA {
  /** Creates `count` visitors named `${prefix} ${i}` through `outpost.visitors.createMany`. */
  createVisitors(count: number, prefix: string): Promise<void>;
  /** Saves one visitor named `name` through `outpost.visitors.create`, as the form does; resolves with its id once committed. */
  createVisitor(name: string): Promise<string>;
  /** Ops in the outbox (pending, in flight or failed). */
  outboxSize(): Promise<number>;
  /** Visitor rows on this device. */
  visitorCount(): Promise<number>;
  /** What "Sync now" does (drain, then pull); true when it succeeded. */
  syncNow(): Promise<boolean>;
}

declare global {
  interface Window {
    outpostQA?: OutpostQA;
  }
}

/** Visitors per transaction. */
const CHUNK = 500;

/** The visitor `createVisitors` makes for index `i` (the bench replays the same data). */
export function qaVisitor(prefix: string, i: number, now: Date): VisitorData {
  return {
    ...emptyVisitor(now),
    name: `${prefix} ${i}`,
    company: `Company ${i % 97}`,
    email: `visitor${i}@example.com`,
    title: 'Buyer',
    interests: ['demo'],
    notes: 'Met at the booth',
  };
}

export function installQaHooks(outpost: Outpost): void {
  window.outpostQA = {
    async createVisitors(count, prefix) {
      const now = new Date();
      for (let start = 0; start < count; start += CHUNK) {
        const chunk = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => qaVisitor(prefix, start + k, now));
        await outpost.visitors.createMany(chunk);
      }
    },
    createVisitor: (name) => outpost.visitors.create({ ...qaVisitor(name, 0, new Date()), name }),
    outboxSize: () => outpost.queries.queuedCount(),
    visitorCount: () => outpost.queries.visitorCount(),
    syncNow: async () => (await outpost.pageSync.syncNow()).ok,
  };
}
