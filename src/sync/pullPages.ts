import { ProtocolError } from '../core/errors';
import type { Outbox } from './outbox';
import type { Transport } from './transport';
import type { PullResponse } from '../core/protocol';

export interface PullContext {
  outbox: Outbox;
  transport: Transport;
  /** Changes asked for in the first page; each next page asks for twice as many, up to `maxLimit`. */
  firstLimit: number;
  maxLimit: number;
  /**
   * Told after each page of a pull longer than one page is stored: changes stored so far, and
   * how many the pull will store in all (as the server last counted). Not told by a server
   * that does not count (`remaining` absent).
   */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Pulls from `since` until caught up. Pages are fetched one ahead, and each page's write is
 * queued as soon as it arrives, behind the previous page's (IndexedDB runs them in order, and
 * each checks that the one before it landed), so IndexedDB goes from page to page without
 * waiting for this loop. The first page is small, to start writing soon on a fresh device;
 * later ones grow, for fewer transactions.
 */
export async function pullPages({ outbox, transport, firstLimit, maxLimit, onProgress }: PullContext, since: number): Promise<void> {
  let limit = Math.min(firstLimit, maxLimit);
  let fetched = 0;
  let stored = 0;
  let total: number | null = null;
  const fetchPage = (from: number) => {
    const page = transport.pull(from, limit);
    page.catch(() => {});
    return page;
  };
  let next = fetchPage(since);
  let writing: Promise<void> | null = null;
  try {
    for (;;) {
      const page = await next;
      fetched += page.changes.length;
      total = expectedTotal(fetched, page, total);
      if (page.hasMore) {
        if (page.cursor <= since) throw new ProtocolError('pull answer has more but its cursor did not move');
        limit = Math.min(limit * 2, maxLimit);
        next = fetchPage(page.cursor);
      }
      const previous = writing;
      const count = page.changes.length;
      writing = outbox.applyPull(page.changes, page.cursor, { after: since }).then(() => {
        stored += count;
        if (total !== null) onProgress?.(stored, Math.max(total, stored));
      });
      writing.catch(() => {});
      // At most two pages wait for IndexedDB.
      if (previous) await previous;
      if (!page.hasMore) return await writing;
      since = page.cursor;
    }
  } catch (e) {
    // A queued write fails its check if the one before it failed; let it settle first.
    await writing?.catch(() => {});
    throw e;
  }
}

/**
 * How many changes the pull will have stored in all, as the server last counted; null when a
 * bar is not worth showing (the whole pull is one page) or the server does not count.
 */
function expectedTotal(fetched: number, page: PullResponse, before: number | null): number | null {
  if (page.hasMore) return page.remaining === undefined ? null : fetched + page.remaining;
  return before === null ? null : fetched;
}
