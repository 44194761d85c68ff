// liveQuery runs only where IndexedDB is a global (as in a browser); the tables are on their own factory.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { setMeta } from '../db/meta';
import { INITIAL_SYNC_STATUS } from '../core/client/status';
import { LIST_PACE, throttledRead, type Subscribable } from './live';
import { createQueries, type Queries } from './liveQueries';
import { conflictRecord, queuedOp, visitorRow } from '../core/testing/rows';

let db: OutpostDb;
let queries: Queries;
beforeEach(() => {
  db = openTestDb();
  queries = createQueries(db);
});
afterEach(() => db.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Subscribes and records every answer. `next(test)` waits for the first answer after the one
 * the previous `next` returned (or the first answer) that passes `test`.
 */
function watch<T>(source: Subscribable<T>) {
  const answers: T[] = [];
  const errors: unknown[] = [];
  let consumed = 0;
  let waiting: { test: (v: T) => boolean; resolve: (v: T) => void } | null = null;
  const check = () => {
    if (!waiting) return;
    const index = answers.findIndex((v, i) => i >= consumed && waiting!.test(v));
    if (index < 0) return;
    consumed = index + 1;
    waiting.resolve(answers[index]!);
    waiting = null;
  };
  const subscription = source.subscribe({
    next: (v) => {
      answers.push(v);
      check();
    },
    error: (e) => errors.push(e),
  });
  return {
    answers,
    errors,
    unsubscribe: () => subscription.unsubscribe(),
    next(test: (v: T) => boolean = () => true): Promise<T> {
      return new Promise((resolve, reject) => {
        waiting = { test, resolve };
        check();
        setTimeout(() => reject(new Error(`no such answer; got ${JSON.stringify(answers)}`)), 3000);
      });
    },
  };
}

describe('live queries', () => {
  it('a visitor: null while there is none, then the row, then null again once deleted', async () => {
    const w = watch(queries.visitor('v1'));
    expect(await w.next()).toBeNull();
    await db.visitors.put(visitorRow('v1', { name: 'Grace' }));
    expect((await w.next((v) => v !== null))?.data.name).toBe('Grace');
    await db.visitors.delete('v1');
    expect(await w.next((v) => v === null)).toBeNull();
    w.unsubscribe();
  });

  it('the sync status, idle before any sync, then as the engine writes it', async () => {
    const w = watch(queries.syncStatus());
    expect(await w.next()).toEqual(INITIAL_SYNC_STATUS);
    await setMeta(db, 'syncStatus', { ...INITIAL_SYNC_STATUS, state: 'offline', failures: 1 });
    expect((await w.next((s) => s.state === 'offline')).failures).toBe(1);
    w.unsubscribe();
  });

  it('the conflicts with names, and a record’s conflict view, follow writes', async () => {
    await db.visitors.put(visitorRow('v1', { name: 'Grace' }, { syncState: 'conflict' }));
    const list = watch(queries.conflicts());
    const view = watch(queries.conflictView('v1'));
    expect(await list.next()).toEqual([]);
    expect((await view.next()).conflict).toBeUndefined();
    await db.conflicts.put(conflictRecord('v1'));
    expect(await list.next((l) => l.length > 0)).toEqual([{ id: 'v1', kind: 'update-update', name: 'Grace' }]);
    expect((await view.next((v) => v.conflict !== undefined)).row?.data.name).toBe('Grace');
    list.unsubscribe();
    view.unsubscribe();
  });

  it('the list window and the counts re-run after writes to the tables they read', async () => {
    const page = watch(queries.visitorWindow({ sort: 'name', offset: 0, limit: 10 }));
    const counts = watch(queries.outboxCounts(null));
    expect(await page.next()).toEqual({ total: 0, offset: 0, rows: [] });
    expect(await counts.next()).toEqual({ pending: 0, failed: 0, conflicts: 0, photosUploading: 0, waiting: [] });
    await db.visitors.bulkPut([visitorRow('b', { name: 'Bob' }), visitorRow('a', { name: 'Alice' })]);
    const after = await page.next((p) => p.total === 2);
    expect(after.rows.map((r) => r.data.name)).toEqual(['Alice', 'Bob']);
    await db.outbox.add(queuedOp('a'));
    expect(await counts.next((c) => c.pending === 1)).toEqual({ pending: 1, failed: 0, conflicts: 0, photosUploading: 0, waiting: [] });
    await db.conflicts.put(conflictRecord('b'));
    expect(await counts.next((c) => c.conflicts === 1)).toEqual({ pending: 1, failed: 0, conflicts: 1, photosUploading: 0, waiting: [] });
    page.unsubscribe();
    counts.unsubscribe();
  });

  it('the sorted, filtered window and the summary line follow a change of rating or follow-up', async () => {
    const today = { from: '2026-12-02T00:00:00.000Z', to: '2026-12-03T00:00:00.000Z' };
    await db.visitors.bulkPut([
      visitorRow('a', { name: 'Alice', rating: 2, capturedAt: '2026-12-02T09:00:00.000Z' }),
      visitorRow('b', { name: 'Bob', rating: 5, followUp: true, capturedAt: '2026-11-30T09:00:00.000Z' }),
    ]);
    const hot = watch(queries.visitorWindow({ sort: 'rating', filters: { hot: true }, offset: 0, limit: 10 }));
    const summary = watch(queries.visitorSummary(today));
    expect((await hot.next()).rows.map((r) => r.data.name)).toEqual(['Bob']);
    expect(await summary.next()).toEqual({ total: 2, today: 1, followUp: 1 });
    const alice = (await db.visitors.get('a'))!;
    await db.visitors.put({ ...alice, data: { ...alice.data, rating: 4, followUp: true } });
    expect((await hot.next((p) => p.total === 2)).rows.map((r) => r.data.name)).toEqual(['Bob', 'Alice']);
    expect(await summary.next((s) => s.followUp === 2)).toEqual({ total: 2, today: 1, followUp: 2 });
    hot.unsubscribe();
    summary.unsubscribe();
  });

  it('the counts are as the viewer sees them: their changes are pending, the others’ wait', async () => {
    const ada = { id: 'u-ada', email: 'ada@example.com' };
    const bo = { id: 'u-bo', email: 'bo@example.com' };
    await db.outbox.bulkAdd([queuedOp('a', { author: ada }), queuedOp('b', { author: bo })]);
    const asAda = watch(queries.outboxCounts(ada.id));
    const asBo = watch(queries.outboxCounts(bo.id));
    expect(await asAda.next()).toMatchObject({ pending: 1, waiting: [{ email: 'bo@example.com', count: 1 }] });
    expect(await asBo.next()).toMatchObject({ pending: 1, waiting: [{ email: 'ada@example.com', count: 1 }] });
    await db.outbox.add(queuedOp('c', { author: ada }));
    expect(await asBo.next((c) => c.waiting[0]?.count === 2)).toMatchObject({ pending: 1, waiting: [{ email: 'ada@example.com', count: 2 }] });
    asAda.unsubscribe();
    asBo.unsubscribe();
  });

  it('the one-off reads', async () => {
    await db.visitors.put(visitorRow('v1'));
    await db.outbox.bulkAdd([queuedOp('v1'), queuedOp('v1', { state: 'failed' })]);
    await setMeta(db, 'cursor', 7);
    expect(await queries.pendingCount()).toBe(1);
    expect(await queries.queuedCount()).toBe(2);
    expect(await queries.visitorCount()).toBe(1);
    expect(await queries.localCursor()).toBe(7);
  });
});

describe('throttledRead', () => {
  // Opening the database (creating its tables) counts as a commit to every table.
  beforeEach(() => db.open());

  it('re-runs at most once per 250 ms however many commits come, and ends with the last state', async () => {
    expect(LIST_PACE.intervalMs).toBe(250);
    const starts: number[] = [];
    const w = watch(
      throttledRead(db, ['outbox'], () => {
        starts.push(performance.now());
        return db.outbox.count();
      }),
    );
    expect(await w.next()).toBe(0);
    for (let i = 0; i < 20; i++) await db.outbox.add(queuedOp('v1'));
    expect(await w.next((n) => n === 20)).toBe(20);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    // Timers may fire up to a millisecond early by the performance clock.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(LIST_PACE.intervalMs - 1);
    w.unsubscribe();
  });

  it('ignores commits to other tables, and stops after unsubscribe', async () => {
    let runs = 0;
    const w = watch(
      throttledRead(db, ['outbox'], () => {
        runs++;
        return db.outbox.count();
      }, { intervalMs: 10, leadMs: 0 }),
    );
    await w.next();
    await db.visitors.put(visitorRow('v1'));
    await sleep(60);
    expect(runs).toBe(1);
    w.unsubscribe();
    await db.outbox.add(queuedOp('v1'));
    await sleep(60);
    expect(runs).toBe(1);
    expect(w.answers).toEqual([0]);
  });

  it('delivers a failed run as an error', async () => {
    const w = watch(throttledRead(db, ['outbox'], () => Promise.reject(new Error('boom')), { intervalMs: 10, leadMs: 0 }));
    await sleep(30);
    expect(w.errors).toEqual([new Error('boom')]);
    w.unsubscribe();
  });
});
