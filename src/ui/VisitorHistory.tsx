import { useId } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { VISITOR_FIELD_LABELS, type HistoryEntry, type VisitorField } from '../core/protocol';
import { ApiError, OfflineError, visitorsApi } from '../app/api';
import { displayValue } from './displayValue';
import { formatTime } from './format';

const KIND_WORDS: Record<HistoryEntry['kind'], string> = {
  create: 'added this visitor',
  update: 'changed',
  delete: 'deleted this visitor',
  restore: 'restored this visitor',
};

/**
 * Who changed the visitor, when, and how: server state that is not synced to this device, so it
 * comes through TanStack Query, a page of the newest changes at a time ("Show older changes"
 * fetches the page before). `serverRev` is part of the key: a pulled change refetches it.
 */
export function VisitorHistory({ visitorId, serverRev }: { visitorId: string; serverRev: number | undefined }) {
  const headingId = useId();
  const history = useInfiniteQuery({
    queryKey: ['visitor-history', visitorId, serverRev ?? 0],
    queryFn: ({ pageParam }) => visitorsApi.history(visitorId, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    enabled: serverRev !== undefined,
    // Offline is a normal state here, not an error worth retrying.
    networkMode: 'always',
    retry: (count, error) => !(error instanceof OfflineError) && !(error instanceof ApiError && error.status < 500) && count < 2,
    staleTime: 30_000,
  });

  // Pages already shown stay when a later page fails; only a first page's failure replaces them.
  let body;
  if (serverRev === undefined) body = <p className="muted">No history yet: this visitor has not reached the server.</p>;
  else if (history.data) body = <HistoryEntries entries={history.data.pages.flatMap((page) => page.entries)} />;
  else if (history.isPending) body = <p className="muted">Loading history…</p>;
  else if (history.error instanceof OfflineError) body = <p className="muted">History is unavailable offline.</p>;
  else if (history.error instanceof ApiError && history.error.status === 401) {
    body = <p className="muted">History is unavailable until you sign in again.</p>;
  } else body = <p className="muted">History could not be loaded: {history.error?.message}</p>;

  return (
    <section className="history" aria-labelledby={headingId}>
      <h3 id={headingId}>History</h3>
      {body}
      {history.hasNextPage && (
        <button type="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? 'Loading older changes…' : 'Show older changes'}
        </button>
      )}
      {history.isFetchNextPageError && (
        <p className="muted">
          {history.error instanceof OfflineError ? 'Older changes are unavailable offline.' : `Older changes could not be loaded: ${history.error.message}`}
        </p>
      )}
    </section>
  );
}

function HistoryEntries({ entries }: { entries: HistoryEntry[] }) {
  if (!entries.length) return <p className="muted">No changes recorded.</p>;
  return (
    <ol className="history-entries" aria-label="Changes">
      {entries.map((entry) => {
        const fields = Object.keys(entry.changes) as VisitorField[];
        return (
          <li key={entry.rev}>
            <p>
              <strong>{entry.by ?? 'Someone'}</strong> {KIND_WORDS[entry.kind]}
              {entry.kind === 'update' && ` ${fields.map((f) => VISITOR_FIELD_LABELS[f] ?? f).join(', ')}`}{' '}
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </p>
            {entry.kind === 'update' && (
              <ul className="history-changes">
                {fields.map((f) => (
                  <li key={f}>
                    {VISITOR_FIELD_LABELS[f] ?? f}: <del>{displayValue(f, entry.changes[f]!.from)}</del> →{' '}
                    <ins>{displayValue(f, entry.changes[f]!.to)}</ins>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
