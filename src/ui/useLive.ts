import { useEffect, useState, type DependencyList } from 'react';
import type { Queries, Subscribable } from '../data/liveQueries';
import { useOutpost } from './OutpostContext';

/** The last thing a live query delivered. */
export type LiveAnswer<T> = { value: T } | { error: unknown } | undefined;

/**
 * The answer after `event`: an equal value keeps the previous answer (no re-render for a
 * re-run that found nothing new); a value after an error replaces the error.
 */
export function nextAnswer<T>(previous: LiveAnswer<T>, event: { value: T } | { error: unknown }): LiveAnswer<T> {
  if ('value' in event && previous && 'value' in previous && Object.is(previous.value, event.value)) return previous;
  return event;
}

/**
 * The current answer of a live query from `Outpost.queries`: `undefined` until its first answer,
 * then whatever it last delivered. `open` picks the query (null: none); it is called again when
 * `deps` change — they stand for what it reads, as with `useEffect` — and until the new query's
 * first answer the previous answer stays. An error is thrown here, for an error boundary.
 */
export function useLive<T>(open: (queries: Queries) => Subscribable<T> | null, deps: DependencyList): T | undefined {
  const { queries } = useOutpost();
  const [answer, setAnswer] = useState<LiveAnswer<T>>(undefined);
  useEffect(() => {
    const source = open(queries);
    if (!source) return undefined;
    const subscription = source.subscribe({
      next: (value) => setAnswer((previous) => nextAnswer(previous, { value })),
      error: (error) => setAnswer((previous) => nextAnswer(previous, { error })),
    });
    return () => subscription.unsubscribe();
    // `deps` stand for what `open` reads (the caller's list, as with `useEffect` itself), so
    // `open` is read when they change; each caller passes a list of fixed length.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queries, ...deps]);
  if (answer && 'error' in answer) throw answer.error;
  return answer?.value;
}
