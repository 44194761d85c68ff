import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { listVisitors } from '../data/queries';
import { useOutpost } from './OutpostContext';
import { SYNC_STATE_LABELS } from './syncStateLabels';

const ROW_HEIGHT = 60;

export function VisitorList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const { db } = useOutpost();
  const [search, setSearch] = useState('');
  const visitors = useLiveQuery(() => listVisitors(db, search), [db, search]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visitors?.length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

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
      <p className="list-count" aria-live="polite">
        {visitors === undefined ? 'Loading…' : `${visitors.length} visitor${visitors.length === 1 ? '' : 's'}`}
      </p>
      <div ref={scrollRef} className="list-scroll">
        <ul aria-label="Visitors" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const visitor = visitors![item.index]!;
            return (
              <li
                key={visitor.id}
                aria-setsize={visitors!.length}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
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
        {visitors?.length === 0 && <p className="empty">{search ? 'No visitors match your search.' : 'No visitors yet.'}</p>}
      </div>
    </div>
  );
}
