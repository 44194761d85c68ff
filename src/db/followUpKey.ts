import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

/**
 * IndexedDB cannot index a boolean, so a visitor row to follow up carries `followUpKey: 1`
 * (and no other row carries it): the index `followUpKey` then holds exactly those rows, and
 * costs no index write for the others. It is a storage detail, added here on every put of a
 * row — the sync's, the repository's, an upgrade's — so no writer can leave it stale.
 */
export const FOLLOW_UP_KEY = 'followUpKey';

interface RowLike {
  data?: { followUp?: unknown };
  [FOLLOW_UP_KEY]?: 1;
}

/** The row as stored: with the key when its data says follow up, without it otherwise. */
export function withFollowUpKey<T extends RowLike>(row: T): T {
  const flagged = row.data?.followUp === true;
  if (flagged === (row[FOLLOW_UP_KEY] === 1)) return row;
  if (flagged) return { ...row, [FOLLOW_UP_KEY]: 1 };
  const copy = { ...row };
  delete copy[FOLLOW_UP_KEY];
  return copy;
}

function keyed(req: DBCoreMutateRequest): DBCoreMutateRequest {
  if (req.type !== 'put' && req.type !== 'add') return req;
  return { ...req, values: req.values.map((v: RowLike) => withFollowUpKey(v)) };
}

/** The Dexie middleware that keeps `followUpKey` on the rows of `table`. */
export function followUpKeyMiddleware(table: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'followUpKey',
    create: (down) => ({
      ...down,
      table: (name) => {
        const inner = down.table(name);
        return name === table ? { ...inner, mutate: (req) => inner.mutate(keyed(req)) } : inner;
      },
    }),
  };
}
