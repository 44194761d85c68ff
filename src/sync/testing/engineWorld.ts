import { openTestDb } from '../../db/testDb';
import type { OutpostDb } from '../../db/schema';
import { createDexieStore } from '../../db/dexieStore';
import { createVisitorsRepository, type VisitorsRepository } from '../../data/visitors';
import type { SyncBroadcast } from '../../core/client/status';
import { createSyncEngine, type SyncEngine } from '../engine';
import { inMemoryLock } from '../locks';
import { createOutbox, type Outbox } from '../outbox';
import { MemorySyncServer } from './memoryServer';
import { storeSession } from '../../db/meta';

export const NOW = Date.parse('2025-05-01T10:00:00Z');

/** A device (Dexie on fake IndexedDB) and the in-memory server, for engine tests. */
export interface EngineWorld {
  db: OutpostDb;
  server: MemorySyncServer;
  visitors: VisitorsRepository;
  /** What the engine published, in order. */
  messages: SyncBroadcast[];
  engine: SyncEngine;
  /** The drain's side of the device's store, its clock fixed at 5. */
  outbox: Outbox;
  makeEngine(options?: Partial<Parameters<typeof createSyncEngine>[0]>): SyncEngine;
  /**
   * `person` signs in on this device: the app stores their session (so the ops written from now
   * on are theirs), and the browser's cookie, which the server sees, becomes theirs.
   */
  signIn(person: Person): Promise<void>;
}

export interface Person {
  id: string;
  email: string;
}

export const ADA: Person = { id: 'user-ada', email: 'ada@example.com' };
export const BO: Person = { id: 'user-bo', email: 'bo@example.com' };

export function freshEngineWorld(): EngineWorld {
  const db = openTestDb();
  const server = new MemorySyncServer();
  const messages: SyncBroadcast[] = [];
  const makeEngine = (options: Partial<Parameters<typeof createSyncEngine>[0]> = {}) =>
    createSyncEngine({
      store: createDexieStore(db),
      transport: server,
      lock: inMemoryLock(),
      now: () => NOW,
      random: () => 0.5,
      publish: (m) => messages.push(m),
      ...options,
    });
  const store = createDexieStore(db);
  const outbox = createOutbox(store, { now: () => 5 });
  const signIn = async (person: Person) => {
    await storeSession(db, { user: person, workspace: { id: 'ws-booth', name: 'Booth' } });
    server.user = { userId: person.id, email: person.email };
  };
  return { db, server, visitors: createVisitorsRepository(store), messages, engine: makeEngine(), makeEngine, outbox, signIn };
}
