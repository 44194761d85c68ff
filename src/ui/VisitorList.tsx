import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { VisitorFilters, VisitorSort } from '../data/liveQueries';
import { useLive } from './useLive';
import { usePullProgress } from './hooks';
import { ExportDialog } from './lazyParts';
import { ListFilters, NO_FILTERS, type ListFilterState } from './ListFilters';
import { ListSummary } from './ListSummary';
import { VisitorRow } from './VisitorRow';
import { useToday } from './useToday';

const ROW_HEIGHT = 64;
/**
 * The rows read around the ones on screen move in steps of this many, so scrolling re-reads
 * once every STEP rows rather than on every row.
 */
const STEP = 50;

function queryFilters(filters: ListFilterState, today: { from: string; to: string }): VisitorFilters {
  return { capturedWithin: filters.today ? today : null, followUp: filters.followUp, hot: filters.hot };
}

export function VisitorList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<VisitorSort>('recent');
  const [filters, setFilters] = useState<ListFilterState>(NO_FILTERS);
  const [exporting, setExporting] = useState(false);
  const today = useToday();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The count comes from the last answer; the rows on screen decide which slice to read next.
  const [total, setTotal] = useState<number | undefined>(undefined);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const start = Math.floor((items[0]?.index ?? 0) / STEP) * STEP;
  const end = (Math.floor((items[items.length - 1]?.index ?? 0) / STEP) + 1) * STEP;
  // A count and one screenful of rows per change, read through the indexes of the order and
  // filters, whatever the number of visitors; and at most a few times a second (the query is
  // throttled) while a sync writes visitors in batches.
  const page = useLive(
    (q) => q.visitorWindow({ search, sort, filters: queryFilters(filters, today), offset: start, limit: end - start }),
    [search, sort, filters, today.from, today.to, start, end],
  );
  if (page && page.total !== total) setTotal(page.total);
  // The check reads every visitor's keys: while a workspace downloads it would run after every
  // page, each time over more rows, and hold IndexedDB from the download. It runs once it ends.
  const downloading = usePullProgress() !== null;
  const duplicates = useLive((q) => (downloading ? null : q.possibleDuplicates()), [downloading]);
  const narrowed = search.trim() !== '' || filters.today || filters.followUp || filters.hot;

  const rowAt = (index: number) =>
    page && index >= page.offset && index < page.offset + page.rows.length ? page.rows[index - page.offset] : undefined;

  return (
    <div className="visitor-list">
      <ListSummary today={today} />
      <div className="field search">
        <label htmlFor="visitor-search">Search</label>
        <input
          id="visitor-search"
          type="search"
          value={search}
          placeholder="Name, company, email or notes"
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <ListFilters sort={sort} onSort={setSort} filters={filters} onFilters={setFilters} />
      <button type="button" className="export-button" onClick={() => setExporting(true)}>
        Export
      </button>
      {exporting && (
        <ExportDialog
          search={search}
          filters={queryFilters(filters, today)}
          narrowedTo={narrowedTo(search, filters)}
          onClose={() => setExporting(false)}
        />
      )}
      <p className="list-count" aria-live="polite">
        {page === undefined ? 'Loading…' : narrowed ? `Showing ${page.total}` : ''}
      </p>
      <div ref={scrollRef} className="list-scroll">
        <ul aria-label="Visitors" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const visitor = rowAt(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
            // A row scrolled into view shows empty until its slice is read (a few ms).
            if (!visitor) return <li key={`row-${item.index}`} aria-hidden="true" style={style} />;
            return (
              <li key={visitor.id} aria-setsize={total} aria-posinset={item.index + 1} style={style}>
                <VisitorRow visitor={visitor} selected={visitor.id === selectedId} possibleDuplicate={duplicates?.has(visitor.id) ?? false} onOpen={onOpen} />
              </li>
            );
          })}
        </ul>
        {page?.total === 0 && <p className="empty">{emptyText(search, narrowed)}</p>}
      </div>
    </div>
  );
}

/** The list's search and filters in words, for the export's choice; null when it shows everyone. */
function narrowedTo(search: string, filters: ListFilterState): string | null {
  const parts = [
    ...(search.trim() ? [`matching “${search.trim()}”`] : []),
    ...(filters.today ? ['Today'] : []),
    ...(filters.followUp ? ['Follow up'] : []),
    ...(filters.hot ? ['Hot (4–5)'] : []),
  ];
  return parts.length ? parts.join(', ') : null;
}

function emptyText(search: string, narrowed: boolean): string {
  if (search.trim()) return 'No visitors match your search.';
  return narrowed ? 'No visitors match these filters.' : 'No visitors yet.';
}
