/** Workbox prefixes this with `workbox-background-sync:` to form the sync tag. */
export const SYNC_QUEUE_NAME = 'outpost-outbox';
export const SYNC_TAG = `workbox-background-sync:${SYNC_QUEUE_NAME}`;
export const SYNC_CHANNEL = 'outpost-sync';
