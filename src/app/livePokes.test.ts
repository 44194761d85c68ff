import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_MS, startLivePokes, type LivePokesDeps } from './livePokes';

function harness(localCursor = 10) {
  let handlers: Parameters<LivePokesDeps['connect']>[0] | null = null;
  const connect = vi.fn<LivePokesDeps['connect']>((h) => {
    handlers = h;
    return { close: vi.fn() };
  });
  const pull = vi.fn();
  const stop = startLivePokes({
    connect,
    localCursor: async () => localCursor,
    pull,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });
  return {
    connect,
    pull,
    stop,
    open: () => handlers!.onOpen(),
    poke: (c: number) => handlers!.onPoke(c),
    drop: () => handlers!.onClosed(),
  };
}

describe('live pokes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pulls when a teammate moved the workspace past this device', async () => {
    const { pull, poke } = harness(10);
    poke(11);
    await vi.advanceTimersByTimeAsync(0);
    expect(pull).toHaveBeenCalledTimes(1);
  });

  it('does not pull for a change this device already holds (its own push)', async () => {
    const { pull, poke } = harness(10);
    poke(10);
    poke(9);
    await vi.advanceTimersByTimeAsync(0);
    expect(pull).not.toHaveBeenCalled();
  });

  it('pulls after a reconnect (pokes sent meanwhile are lost), not at the first open', async () => {
    const { pull, open } = harness();
    open();
    expect(pull).not.toHaveBeenCalled();
    open();
    expect(pull).toHaveBeenCalledTimes(1);
  });

  it('reopens a stream that ended for good after a pause', async () => {
    const { connect, drop } = harness();
    drop();
    await vi.advanceTimersByTimeAsync(RECONNECT_MS - 1);
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it('stops: closes the stream, reconnects no more and ignores late pokes', async () => {
    const { connect, pull, poke, drop, stop } = harness(10);
    const stream = connect.mock.results[0]!.value;
    poke(12);
    stop();
    drop();
    await vi.advanceTimersByTimeAsync(RECONNECT_MS * 2);
    expect(stream.close).toHaveBeenCalled();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(pull).not.toHaveBeenCalled();
  });
});
