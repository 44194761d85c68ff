import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A part of the UI in a chunk of its own, fetched when first shown: `what` names it in the
 * loading status ("Loading sync details…"). The service worker precaches every chunk, so it
 * opens offline too. Its chunk can be missing only when the app was never loaded whole with a
 * connection: then an alert says so, with "Close" for a part that has `onClose`.
 */
export function lazyPart<P extends object>(what: string, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const unavailable: ComponentType<P> = (props) => <PartUnavailable what={what} onClose={closerOf(props)} />;
  const Part = lazy<ComponentType<P>>(() =>
    load().then(
      (component) => ({ default: component }),
      () => ({ default: unavailable }),
    ),
  );
  function LazyPart(props: P) {
    return (
      <Suspense fallback={<Loading what={what} />}>
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}

/** The accessible loading state of a part whose chunk is on its way. */
export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

function closerOf(props: object): (() => void) | undefined {
  const onClose = (props as { onClose?: unknown }).onClose;
  return typeof onClose === 'function' ? (onClose as () => void) : undefined;
}

function PartUnavailable({ what, onClose }: { what: string; onClose?: () => void }) {
  return (
    <div role="alert" className="notice error">
      <p>The {what} could not be loaded. Reload Outpost with a connection, then try again.</p>
      {onClose && (
        <button type="button" onClick={onClose}>
          Close
        </button>
      )}
    </div>
  );
}
