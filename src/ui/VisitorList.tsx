import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SYNC_STATE_LABELS } from './syncStateLabels';
import { useLive } from './useLive';
import { ExportDialog } from './ExportDialog';

const ROW_HEIGHT = 60;
/**
 * The rows read around the ones on screen move in steps of this many, so scrolling re-reads
 * once every STEP rows rather than on every row.
 */
const STEP = 50;

export function VisitorList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const [search, setSearch] = useState('');
  const [exporting, setExporting] = useState(false);
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
  // A count and one screenful of rows per change, whatever the number of visitors; and at most
  // a few times a second (the query is throttled) while a sync writes visitors in batches.
  const page = useLive((q) => q.visitorWindow({ search, offset: start, limit: end - start }), [search, start, end]);
  if (page && page.total !== total) setTotal(page.total);

  const rowAt = (index: number) =>
    page && index >= page.offset && index < page.offset + page.rows.length ? page.rows[index - page.offset] : undefined;

  return (
    <div className="visitor-list">
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
      <button type="button" onClick={() => setExporting(true)}>
        Export
      </button>
      {exporting && <ExportDialog search={search} onClose={() => setExporting(false)} />}
      <p className="list-count" aria-live="polite">
        {page === undefined ? 'Loading…' : `${page.total} visitor${page.total === 1 ? '' : 's'}`}
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
                <button
                  type="button"
                  className={`visitor-row${visitor.id === selectedId ? ' selected' : ''}`}
                  aria-current={visitor.id === selectedId ? 'true' : undefined}
                  onClick={() => onOpen(visitor.id)}
                >
                  <span className="visitor-name">{visitor.data.name}</span>
                  <span className="visitor-company">{visitor.data.company}</span>
                  <span className={`sync-badge ${visitor.syncState}`}>{SYNC_STATE_LABELS[visitor.syncState]}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {page?.total === 0 && <p className="empty">{search ? 'No visitors match your search.' : 'No visitors yet.'}</p>}
      </div>
    </div>
  );
}
