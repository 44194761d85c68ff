import type { OutpostDb } from '../db/schema';

/** The changes waiting to be sent, and when the oldest of them was made (epoch ms; null: none). */
export interface QueuedSince {
  pending: number;
  oldestAt: number | null;
}

export function queuedSince(db: OutpostDb): Promise<QueuedSince> {
  return db.transaction('r', db.outbox, async () => {
    // Two collections: Dexie's first() narrows the collection it is called on.
    const pending = () => db.outbox.where('state').equals('pending');
    // The state index keeps equal keys in primary-key (seq) order: the first is the oldest.
    const [count, oldest] = await Promise.all([pending().count(), pending().first()]);
    return { pending: count, oldestAt: oldest?.createdAt ?? null };
  });
}
