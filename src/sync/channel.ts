import type { Publish, SyncBroadcast } from '../core/client/status';

export const SYNC_CHANNEL_NAME = 'outpost-sync';

/** A publisher over BroadcastChannel; does nothing where BroadcastChannel is missing. */
export function createBroadcastPublisher(name = SYNC_CHANNEL_NAME): Publish {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  let channel: BroadcastChannel | null = null;
  return (msg) => {
    channel ??= new BroadcastChannel(name);
    channel.postMessage(msg);
  };
}

/** Listens to the publisher's messages; returns the unsubscribe function. */
export function subscribeSyncBroadcasts(onMessage: (msg: SyncBroadcast) => void, name = SYNC_CHANNEL_NAME): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(name);
  channel.onmessage = (e: MessageEvent<SyncBroadcast>) => onMessage(e.data);
  return () => channel.close();
}
