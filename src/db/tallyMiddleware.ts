import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import type { LocalVisitor } from '../core/client/types';
import { tallyDelta, tallyKeysOf, type TallyRow } from './tallies';

type Row = Pick<LocalVisitor, 'id' | 'data'>;
/** A row's tally keys (undefined: no row). Kept rather than the row: a caller may change a row it read before putting it back. */
type Keys = readonly string[] | undefined;
/** Dexie's `DBCoreRangeType.Any` (a const enum, not importable as a value). */
const ANY_RANGE = 3;

/**
 * Per transaction, the tally keys of the rows of the tallied table it has read or written, by id
 * (undefined: known absent): a write's previous rows are mostly read already (a pull, a save and
 * a fold each read the rows they replace), so the tallies need no second read of them.
 */
const seen = new WeakMap<DBCoreTransaction, Map<string, Keys>>();
/** Per transaction, its last tally update: each reads the counts the one before it wrote. */
const updates = new WeakMap<DBCoreTransaction, Promise<void>>();

/**
 * The Dexie middleware that keeps `tallies` (db/tallies.ts) equal to what the rows of `table`
 * count, in the transaction of every write to them, whoever writes: the repository, the sync,
 * an upgrade, a clear. Every read-write transaction over `table` is widened to `tallies` for it.
 * In an upgrade from before `tallies` existed there is nothing to keep: the upgrade that adds the
 * table counts every row.
 */
export function talliesMiddleware(table: string, talliesTable: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'tallies',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(mode === 'readwrite' && stores.includes(table) && !stores.includes(talliesTable) ? [...stores, talliesTable] : stores, mode, options),
      table: (name) => {
        const inner = down.table(name);
        // The tallies' table is looked up when written: in an upgrade from before it, it does not exist.
        return name === table ? tallied(inner, () => down.table(talliesTable), talliesTable) : inner;
      },
    }),
  };
}

function rowsOf(trans: DBCoreTransaction): Map<string, Keys> {
  let rows = seen.get(trans);
  if (!rows) seen.set(trans, (rows = new Map()));
  return rows;
}

/** Notes the tally keys of rows `trans` read (by `ids`, or the rows' own ids). */
function note(trans: DBCoreTransaction, rows: readonly unknown[], ids?: readonly unknown[]): void {
  const known = rowsOf(trans);
  rows.forEach((row, i) => {
    const id = (ids?.[i] ?? (row as Row | undefined)?.id) as string | undefined;
    if (id !== undefined) known.set(id, row ? tallyKeysOf(row as Row) : undefined);
  });
}

/** Adds `delta` to the tallies in `trans`, after the transaction's update before it. */
function addToTallies(tallies: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, number>): Promise<void> {
  if (!delta.size) return Dexie.Promise.resolve();
  const keys = [...delta.keys()];
  const next = (updates.get(trans) ?? Dexie.Promise.resolve())
    .then(() => tallies.getMany({ trans, keys }))
    .then((stored: (TallyRow | undefined)[]) => {
      const values = keys.map((key, i) => ({ key, n: (stored[i]?.n ?? 0) + delta.get(key)! }));
      return tallies.mutate({ type: 'put', trans, values, keys });
    })
    .then(() => undefined);
  updates.set(trans, next);
  return next;
}

function tallied(inner: DBCoreTable, talliesTable: () => DBCoreTable, talliesName: string): DBCoreTable {
  // Dexie's promises, not async functions: Dexie's hooks below read the transaction from its
  // zone, which a native await does not carry.
  function mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
    const { trans } = req;
    if (!(trans as unknown as IDBTransaction).objectStoreNames.contains(talliesName)) return inner.mutate(req);
    if (req.type === 'deleteRange') {
      if (req.range.type === ANY_RANGE) {
        return inner.mutate(req).then((res) => {
          seen.delete(trans);
          return (updates.get(trans) ?? Dexie.Promise.resolve())
            .then(() => talliesTable().mutate({ type: 'deleteRange', trans, range: req.range }))
            .then(() => res);
        });
      }
      return Dexie.Promise.resolve(inner.query({ trans, values: true, query: { index: inner.schema.primaryKey, range: req.range } })).then(({ result }) => {
        note(trans, result);
        return mutate({ type: 'delete', trans, keys: (result as Row[]).map((r) => r.id) });
      });
    }
    const ids = (req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v: Row) => v.id))) as string[];
    const known = rowsOf(trans);
    // An add replaces nothing; other writes replace what is stored, read here unless known, in
    // a request sent before the write's (IndexedDB answers a transaction's requests in order).
    const unknown = req.type === 'add' ? [] : ids.filter((id) => !known.has(id));
    const reading = Dexie.Promise.resolve(unknown.length ? inner.getMany({ trans, keys: unknown }) : []);
    const writing = inner.mutate(req);
    return Dexie.Promise.all([reading, writing]).then(([previous, res]: [unknown[], DBCoreMutateResponse]) => {
      note(trans, previous, unknown);
      // In order, each against the state the one before it left: an id may come twice.
      const before: Keys[] = [];
      const after: Keys[] = [];
      ids.forEach((id, i) => {
        if (res.failures?.[i] !== undefined) return;
        const next = req.type === 'delete' ? undefined : tallyKeysOf(req.values[i] as Row);
        before.push(known.get(id));
        after.push(next);
        known.set(id, next);
      });
      return addToTallies(talliesTable(), trans, tallyDelta(before, after)).then(() => res);
    });
  }

  return {
    ...inner,
    mutate,
    get: (req) =>
      Dexie.Promise.resolve(inner.get(req)).then((row) => {
        note(req.trans, [row], [req.key]);
        return row;
      }),
    getMany: (req) =>
      Dexie.Promise.resolve(inner.getMany(req)).then((rows) => {
        note(req.trans, rows, req.keys);
        return rows;
      }),
    query: (req) =>
      Dexie.Promise.resolve(inner.query(req)).then((res) => {
        if (req.values) note(req.trans, res.result);
        return res;
      }),
  };
}
