/** How long to wait before opening the stream again after the browser gave up on it. */
export const RECONNECT_MS = 30_000;

/** A subscription to the server's poke stream; `close` ends it. */
export interface PokeStream {
  close(): void;
}

export interface LivePokesDeps {
  /**
   * Opens the stream. `onOpen` is called each time it (re)connects; `onPoke` gets the
   * workspace's latest cursor; `onClosed` is called when the stream ended for good (the browser
   * reconnects by itself after a plain drop, but not after an HTTP error such as an expired
   * session).
   */
  connect(handlers: { onOpen: () => void; onPoke: (cursor: number) => void; onClosed: () => void }): PokeStream;
  /** The highest revision this device has pulled. */
  localCursor(): Promise<number>;
  /** Pulls now (through the page's sync schedule). */
  pull(): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/**
 * Teammates' changes appear without a reload: on each poke the page pulls, unless it already
 * holds that cursor (its own push pokes it too). Pokes sent while the stream was down are
 * lost, so a reconnect pulls too. Where the stream stays down the page's 30 s poll
 * (pageSync.ts) still brings changes in; this module only reopens the stream later.
 */
export function startLivePokes(deps: LivePokesDeps): () => void {
  let stream: PokeStream | null = null;
  let timer: unknown = null;
  let stopped = false;
  let opened = false;

  const onPoke = (cursor: number) => {
    void deps.localCursor().then((local) => {
      if (!stopped && cursor > local) deps.pull();
    });
  };

  const open = () => {
    timer = null;
    stream = deps.connect({
      onOpen: () => {
        // The first open is the page's start, which syncs anyway.
        if (opened && !stopped) deps.pull();
        opened = true;
      },
      onPoke,
      onClosed: () => {
        stream = null;
        if (!stopped && timer === null) timer = deps.setTimer(open, RECONNECT_MS);
      },
    });
  };

  open();
  return () => {
    stopped = true;
    stream?.close();
    stream = null;
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
  };
}

/** `connect` for the browser: an EventSource on `url` (same origin, so the session cookie goes along). */
export function eventSourceConnector(url: string): LivePokesDeps['connect'] {
  return ({ onOpen, onPoke, onClosed }) => {
    const source = new EventSource(url);
    source.onopen = onOpen;
    source.addEventListener('poke', (event) => {
      const cursor = Number((JSON.parse((event as MessageEvent<string>).data) as { cursor?: unknown }).cursor);
      if (Number.isFinite(cursor)) onPoke(cursor);
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) onClosed();
    };
    return { close: () => source.close() };
  };
}
