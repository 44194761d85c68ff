import Dexie, { type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import type { AckRow } from '../core/client/acks';
import type { ConflictRecord, LocalAttachment, LocalVisitor, MetaRow, OutboxOp, Shadow } from '../core/client/types';
import { upgradeQueuedOp, upgradeRow, upgradeShadow } from '../core/client/protocolUpgrade';
import { FOLLOW_UP_KEY, withFollowUpKey } from './followUpKey';
import { DUPLICATE_KEYS } from './duplicateKeys';
import { rowKeysMiddleware } from './rowKeys';
import { tallyAll, type TallyRow } from './tallies';
import { talliesMiddleware } from './tallyMiddleware';

export type { ConflictRecord, LocalAttachment, LocalVisitor, MetaRow, OpError, OpState, OutboxOp, Shadow, SyncState } from '../core/client/types';

/** The one owner of the IndexedDB schema. Add a new `version(n)` for every change; never edit v1. */
export class OutpostDb extends Dexie {
  declare visitors: EntityTable<LocalVisitor, 'id'>;
  declare shadows: EntityTable<Shadow, 'id'>;
  declare outbox: EntityTable<OutboxOp, 'seq'>;
  declare conflicts: EntityTable<ConflictRecord, 'id'>;
  declare meta: EntityTable<MetaRow, 'key'>;
  declare attachments: EntityTable<LocalAttachment, 'hash'>;
  declare acks: EntityTable<AckRow, 'seq'>;
  declare tallies: EntityTable<TallyRow, 'key'>;

  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    this.use(rowKeysMiddleware('visitors'));
    // After rowKeys, so above it: it sees rows without their index keys.
    this.use(talliesMiddleware('visitors', 'tallies'));
    this.version(1).stores({
      visitors: 'id, sortName, syncState',
      shadows: 'id',
      outbox: '++seq, id, state',
      conflicts: 'id',
      meta: 'key',
    });
    // v2: no index on visitors.syncState. Every index is one more write per row put, and a
    // drain or a pull puts every row; "failed" is counted from the outbox instead.
    this.version(2).stores({ visitors: 'id, sortName' });
    // v3: photos, by content hash; the drainer takes the pending ones oldest first.
    this.version(3).stores({ attachments: 'hash, [state+addedAt]' });
    // v4: an index on each op's author, so a drain finds the ops that wait for another person
    // to sign in without reading the outbox. Ops queued before have no author: they are kept as
    // they are, left out of the index, and count as the signed-in person's (core/client/author.ts).
    this.version(4).stores({ outbox: '++seq, id, state, author.id' });
    // v5 (protocol 2: visitors gain `consent`): queued ops rewritten, every record pulled again.
    this.version(5).stores({}).upgrade(upgradeToCurrentProtocol);
    // v6: the list's orders and filters read through indexes (data/visitorWindow.ts): newest
    // capture first, rating then name, and the rows to follow up (a key of their own, as
    // IndexedDB cannot index a boolean: db/followUpKey.ts). The upgrade only adds that key to
    // the rows to follow up; the other indexes fill from the rows as they are.
    this.version(6)
      .stores({ visitors: `id, sortName, data.capturedAt, [data.rating+sortName], ${FOLLOW_UP_KEY}` })
      .upgrade((tx) =>
        tx
          .table<LocalVisitor>('visitors')
          .filter((row) => row.data.followUp)
          .modify((row, ref) => {
            ref.value = withFollowUpKey(row);
          }),
      );
    // v7 (protocol 3: visitors gain `consentVersion`, `distinctFrom` and the server's `consentAt`
    // and `capturedBy`): the same rewrite and pull again as v5; each row gets its duplicate keys
    // on the way (db/duplicateKeys.ts), under a multi-entry index.
    this.version(7)
      .stores({ visitors: `id, sortName, data.capturedAt, [data.rating+sortName], ${FOLLOW_UP_KEY}, *${DUPLICATE_KEYS}` })
      .upgrade(upgradeToCurrentProtocol);
    // v8: the acknowledgement journal (core/client/acks.ts): one row per push answer, in place
    // of a put per synced record; each row's record ids under a multi-entry index, so a read
    // of some rows finds the journal rows that hold their versions.
    this.version(8).stores({ acks: '++seq, *ids' });
    // v9: the counts of the list and its summary, kept beside the rows (db/tallies.ts); the
    // upgrade counts the rows there are, whatever an earlier version's upgrade in the same
    // opening did to them.
    this.version(9)
      .stores({ tallies: 'key' })
      .upgrade(async (tx) => {
        const counts = tallyAll(await tx.table<LocalVisitor>('visitors').toArray());
        const tallies = tx.table<TallyRow>('tallies');
        await tallies.clear();
        await tallies.bulkPut([...counts].map(([key, n]) => ({ key, n })));
      });
  }
}

/**
 * A database an older protocol's app wrote, brought to the current shape in the upgrade's one
 * transaction (core/client/protocolUpgrade.ts): queued ops rewritten, rows and shadows given the
 * added fields, and every record pulled again, with the fields the older pulls left out.
 */
async function upgradeToCurrentProtocol(tx: Transaction): Promise<void> {
  await tx.table<OutboxOp>('outbox').toCollection().modify((op, ref) => {
    ref.value = upgradeQueuedOp(op);
  });
  await tx.table<LocalVisitor>('visitors').toCollection().modify((row, ref) => {
    ref.value = upgradeRow(row);
  });
  await tx.table<Shadow>('shadows').toCollection().modify((shadow, ref) => {
    ref.value = upgradeShadow(shadow);
  });
  await tx.table<MetaRow>('meta').put({ key: 'cursor', value: 0 });
}

/** Opens lazily (Dexie opens on first use), so calling this at import time does no I/O. */
export function openDb(name = 'outpost', options?: DexieOptions): OutpostDb {
  return new OutpostDb(name, options);
}
