import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testDb';
import type { OutpostDb } from '../db/schema';
import { visitorRow } from '../core/testing/rows';
import type { VisitorData } from '../core/protocol';
import { visitorSummary, visitorWindow, type VisitorWindowRequest } from './visitorWindow';
import { VISITOR_SORTS, type VisitorFilters } from './visitorOrder';

let db: OutpostDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

const DAY = { from: '2026-12-02T00:00:00.000Z', to: '2026-12-03T00:00:00.000Z' };
const at = (hh: string, day = '2026-12-02') => `${day}T${hh}:00:00.000Z`;

/** Six visitors: captured today or yesterday, rated 0 to 5, some to follow up. */
const PEOPLE: [string, Partial<VisitorData>][] = [
  ['Bea', { capturedAt: at('09'), rating: 5, followUp: true, company: 'Acme' }],
  ['adam', { capturedAt: at('11'), rating: 2, followUp: false, company: 'Globex' }],
  ['Cleo', { capturedAt: at('15', '2026-12-01'), rating: 4, followUp: true, company: 'Acme' }],
  ['Dan', { capturedAt: at('08', '2026-12-01'), rating: 0, followUp: false, company: 'Initech' }],
  ['Eve', { capturedAt: at('10'), rating: 4, followUp: false, company: 'Acme' }],
  ['Finn', { capturedAt: at('23', '2026-12-01'), rating: 5, followUp: false, company: 'Globex' }],
];

async function seed() {
  await db.visitors.bulkPut(PEOPLE.map(([name, data]) => visitorRow(`id-${name}`, { name, email: '', notes: '', ...data })));
}

const names = async (request: VisitorWindowRequest) => {
  const w = await visitorWindow(db, request);
  return { total: w.total, names: w.rows.map((v) => v.data.name) };
};

describe('the visitor list window', () => {
  it('orders newest capture first by default, by name, and by rating (highest first, then name)', async () => {
    await seed();
    expect(await names({ offset: 0, limit: 10 })).toEqual({ total: 6, names: ['adam', 'Eve', 'Bea', 'Finn', 'Cleo', 'Dan'] });
    expect(await names({ sort: 'name', offset: 0, limit: 10 })).toEqual({ total: 6, names: ['adam', 'Bea', 'Cleo', 'Dan', 'Eve', 'Finn'] });
    expect(await names({ sort: 'rating', offset: 0, limit: 10 })).toEqual({ total: 6, names: ['Bea', 'Finn', 'Cleo', 'Eve', 'adam', 'Dan'] });
  });

  it('reads a window that spans ratings, and an empty one past the end', async () => {
    await seed();
    expect(await names({ sort: 'rating', offset: 1, limit: 3 })).toEqual({ total: 6, names: ['Finn', 'Cleo', 'Eve'] });
    expect(await names({ sort: 'rating', offset: 5, limit: 3 })).toEqual({ total: 6, names: ['Dan'] });
    expect(await names({ sort: 'recent', offset: 6, limit: 3 })).toEqual({ total: 6, names: [] });
  });

  it('filters to today, to follow up and to hot (4–5), in each order', async () => {
    await seed();
    const today: VisitorFilters = { capturedWithin: DAY };
    expect(await names({ filters: today, offset: 0, limit: 10 })).toEqual({ total: 3, names: ['adam', 'Eve', 'Bea'] });
    expect(await names({ filters: today, sort: 'rating', offset: 0, limit: 10 })).toEqual({ total: 3, names: ['Bea', 'Eve', 'adam'] });
    expect(await names({ filters: { followUp: true }, offset: 0, limit: 10 })).toEqual({ total: 2, names: ['Bea', 'Cleo'] });
    expect(await names({ filters: { followUp: true }, sort: 'name', offset: 0, limit: 10 })).toEqual({ total: 2, names: ['Bea', 'Cleo'] });
    expect(await names({ filters: { hot: true }, sort: 'rating', offset: 0, limit: 10 })).toEqual({ total: 4, names: ['Bea', 'Finn', 'Cleo', 'Eve'] });
    expect(await names({ filters: { hot: true }, sort: 'rating', offset: 2, limit: 1 })).toEqual({ total: 4, names: ['Cleo'] });
    expect(await names({ filters: { hot: true }, offset: 0, limit: 10 })).toEqual({ total: 4, names: ['Eve', 'Bea', 'Finn', 'Cleo'] });
    expect(await names({ filters: { hot: true }, sort: 'name', offset: 1, limit: 2 })).toEqual({ total: 4, names: ['Cleo', 'Eve'] });
  });

  it('combines filters with each other and with the search', async () => {
    await seed();
    expect(await names({ filters: { capturedWithin: DAY, hot: true }, offset: 0, limit: 10 })).toEqual({ total: 2, names: ['Eve', 'Bea'] });
    expect(await names({ filters: { followUp: true, hot: true, capturedWithin: DAY }, offset: 0, limit: 10 })).toEqual({ total: 1, names: ['Bea'] });
    expect(await names({ filters: { hot: true }, search: 'globex', offset: 0, limit: 10 })).toEqual({ total: 1, names: ['Finn'] });
    expect(await names({ search: 'ACME', sort: 'rating', offset: 0, limit: 10 })).toEqual({ total: 3, names: ['Bea', 'Cleo', 'Eve'] });
    expect(await names({ filters: { followUp: true, capturedWithin: { from: at('12'), to: DAY.to } }, offset: 0, limit: 10 })).toEqual({ total: 0, names: [] });
  });

  it('follows a change of follow-up or rating at once: the index moves with the row', async () => {
    await seed();
    const bea = (await db.visitors.get('id-Bea'))!;
    await db.visitors.put({ ...bea, data: { ...bea.data, followUp: false, rating: 1 } });
    expect(await names({ filters: { followUp: true }, offset: 0, limit: 10 })).toEqual({ total: 1, names: ['Cleo'] });
    expect(await names({ filters: { hot: true }, sort: 'rating', offset: 0, limit: 10 })).toEqual({ total: 3, names: ['Finn', 'Cleo', 'Eve'] });
    expect(await db.visitors.where('followUpKey').equals(1).primaryKeys()).toContain('id-Cleo');
    expect(await db.visitors.where('followUpKey').equals(1).primaryKeys()).not.toContain('id-Bea');
  });

  it('gives the same list through the indexes as by sorting every row, page by page', async () => {
    // Ties on purpose: equal capture times, equal names, every rating.
    const rows = Array.from({ length: 90 }, (_, i) =>
      visitorRow(`r${String(i).padStart(3, '0')}`, {
        name: ['Kim', 'lee', 'Ana', 'zoe', 'Émile'][i % 5]!,
        capturedAt: at(String(i % 24).padStart(2, '0'), i % 3 ? '2026-12-02' : '2026-12-01'),
        rating: i % 6,
        followUp: i % 4 === 0,
      }),
    );
    await db.visitors.bulkPut(rows);
    const filterSets: VisitorFilters[] = [{}, { capturedWithin: DAY }, { followUp: true }, { hot: true }, { capturedWithin: DAY, hot: true }];
    for (const sort of VISITOR_SORTS) {
      for (const filters of filterSets) {
        // Every visitor's email holds "example": with it as the search the rows are sorted here, not read in order.
        const sorted = (await visitorWindow(db, { sort, filters, search: 'example', offset: 0, limit: 1000 })).rows.map((r) => r.id);
        expect(sorted.length).toBeGreaterThan(0);
        const pages: string[] = [];
        for (let offset = 0; offset < sorted.length; offset += 7) pages.push(...(await visitorWindow(db, { sort, filters, offset, limit: 7 })).rows.map((r) => r.id));
        expect(pages, `${sort} ${JSON.stringify(filters)}`).toEqual(sorted);
      }
    }
  });

  it('counts every visitor, today’s and those to follow up', async () => {
    expect(await visitorSummary(db, DAY)).toEqual({ total: 0, today: 0, followUp: 0 });
    await seed();
    expect(await visitorSummary(db, DAY)).toEqual({ total: 6, today: 3, followUp: 2 });
    expect(await visitorSummary(db, { from: '2026-12-01T00:00:00.000Z', to: DAY.from })).toEqual({ total: 6, today: 3, followUp: 2 });
  });
});
