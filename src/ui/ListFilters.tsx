import { useId } from 'react';
import type { VisitorSort } from '../data/liveQueries';

export const SORT_LABELS: Record<VisitorSort, string> = {
  recent: 'Recently captured',
  name: 'Name',
  rating: 'Rating',
};

/** Which of the list's filters are on. */
export interface ListFilterState {
  today: boolean;
  followUp: boolean;
  hot: boolean;
}

export const NO_FILTERS: ListFilterState = { today: false, followUp: false, hot: false };

const FILTER_LABELS: Record<keyof ListFilterState, string> = {
  today: 'Today',
  followUp: 'Follow up',
  hot: 'Hot (4–5)',
};

/** The list's order (a select named "Sort") and its filters (toggle buttons, any together). */
export function ListFilters({
  sort,
  onSort,
  filters,
  onFilters,
}: {
  sort: VisitorSort;
  onSort: (sort: VisitorSort) => void;
  filters: ListFilterState;
  onFilters: (filters: ListFilterState) => void;
}) {
  const sortId = useId();
  return (
    <div className="list-filters">
      <div className="field sort">
        <label htmlFor={sortId}>Sort</label>
        <select id={sortId} value={sort} onChange={(e) => onSort(e.target.value as VisitorSort)}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div role="group" aria-label="Filters" className="filter-toggles">
        {(Object.keys(FILTER_LABELS) as (keyof ListFilterState)[]).map((key) => (
          <button
            key={key}
            type="button"
            className="filter-toggle"
            aria-pressed={filters[key]}
            onClick={() => onFilters({ ...filters, [key]: !filters[key] })}
          >
            {FILTER_LABELS[key]}
          </button>
        ))}
      </div>
    </div>
  );
}
