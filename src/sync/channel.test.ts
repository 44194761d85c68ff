import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBroadcastPublisher, subscribeSyncBroadcasts } from './channel';
import type { SyncBroadcast } from '../core/client/status';

afterEach(() => vi.unstubAllGlobals());

describe('broadcast publisher', () => {
  it('does nothing where BroadcastChannel is missing', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    expect(() => createBroadcastPublisher()({ type: 'progress', done: 1, total: 2 })).not.toThrow();
    expect(() => subscribeSyncBroadcasts(() => {})()).not.toThrow();
  });

  it('posts messages on the named channel (opened on first use)', () => {
    const posted: unknown[] = [];
    const opened: string[] = [];
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        constructor(name: string) {
          opened.push(name);
        }
        postMessage(m: unknown) {
          posted.push(m);
        }
      },
    );
    const publish = createBroadcastPublisher('outpost-sync');
    expect(opened).toEqual([]);
    const msg: SyncBroadcast = { type: 'progress', done: 1, total: 2 };
    publish(msg);
    publish(msg);
    expect(opened).toEqual(['outpost-sync']);
    expect(posted).toEqual([msg, msg]);
  });

  it('reaches a subscriber through a real BroadcastChannel', async () => {
    const got = new Promise<SyncBroadcast>((resolve) => {
      const stop = subscribeSyncBroadcasts((m) => {
        stop();
        resolve(m);
      }, 'outpost-sync-test');
    });
    const publish = createBroadcastPublisher('outpost-sync-test');
    publish({ type: 'progress', done: 3, total: 4 });
    await expect(got).resolves.toEqual({ type: 'progress', done: 3, total: 4 });
  });
});
