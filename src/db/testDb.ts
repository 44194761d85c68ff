import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { OutpostDb } from './schema';

/** A database on its own in-memory IndexedDB (tests only): no names to clean up, no sharing. */
export function openTestDb(name = 'outpost-test'): OutpostDb {
  return new OutpostDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}
