import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { DUPLICATE_KEYS, withDuplicateKeys } from './duplicateKeys';
import { FOLLOW_UP_KEY, withFollowUpKey } from './followUpKey';

/**
 * The keys a visitor row carries only to be indexed (followUpKey.ts, duplicateKeys.ts): storage
 * details, added here on every put of a row — the sync's, the repository's, an upgrade's — so
 * no writer can leave one stale, and taken off every row read back, so no reader sees them.
 */
export function withRowKeys<T extends object>(row: T): T {
  return withDuplicateKeys(withFollowUpKey(row));
}

function keyed(req: DBCoreMutateRequest): DBCoreMutateRequest {
  if (req.type !== 'put' && req.type !== 'add') return req;
  return { ...req, values: req.values.map((v: object) => withRowKeys(v)) };
}

/** Rows as read from IndexedDB are fresh copies, so the keys come off in place. */
function unkeyed<T>(row: T): T {
  if (row && typeof row === 'object') {
    delete (row as Record<string, unknown>)[FOLLOW_UP_KEY];
    delete (row as Record<string, unknown>)[DUPLICATE_KEYS];
  }
  return row;
}

/** The Dexie middleware that keeps the index keys on the rows of `table`, and off what is read. */
export function rowKeysMiddleware(table: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'rowKeys',
    create: (down) => ({
      ...down,
      table: (name) => {
        const inner = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          mutate: (req) => inner.mutate(keyed(req)),
          get: async (req) => unkeyed(await inner.get(req)),
          getMany: async (req) => (await inner.getMany(req)).map(unkeyed),
          query: async (req) => {
            const res = await inner.query(req);
            if (req.values) res.result.forEach(unkeyed);
            return res;
          },
        };
      },
    }),
  };
}
