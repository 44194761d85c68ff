import type { Session } from '../core/protocol';
import type { OutpostDb } from '../db/schema';
import { getMeta, setMeta, deleteMeta } from '../db/meta';
import { ApiError, OfflineError, authApi } from './api';

export interface SessionState {
  session: Session | null;
  /** True when the server could not be reached and the session is the one remembered here. */
  offline: boolean;
  /** True when a remembered session was refused by the server (expired or signed out elsewhere). */
  expired: boolean;
}

/**
 * Who is signed in. Online, the server decides; offline, the person who last signed in on
 * this device keeps working (DESIGN §5) — their outbox waits for the connection.
 */
export async function loadSession(db: OutpostDb): Promise<SessionState> {
  const remembered = (await getMeta(db, 'session')) ?? null;
  try {
    const session = await authApi.me();
    await setMeta(db, 'session', session);
    return { session, offline: false, expired: false };
  } catch (error) {
    if (error instanceof OfflineError) return { session: remembered, offline: true, expired: false };
    if (error instanceof ApiError && error.status === 401) {
      return { session: null, offline: false, expired: remembered !== null };
    }
    // The server answered oddly (5xx): keep working as the remembered person.
    return { session: remembered, offline: true, expired: false };
  }
}

/**
 * Remembers a fresh sign-in. Local data belongs to one workspace (`localWorkspace`):
 * switching workspace wipes it, but never while changes are still waiting to reach the old one.
 */
export async function rememberSession(db: OutpostDb, session: Session): Promise<void> {
  const owner = (await getMeta(db, 'localWorkspace')) ?? null;
  if (owner && owner.id !== session.workspace.id) {
    const waiting = await db.outbox.count();
    if (waiting > 0) {
      await authApi.logout().catch(() => undefined);
      throw new WorkspaceSwitchError(owner.name, waiting);
    }
    await db.transaction('rw', [db.visitors, db.shadows, db.outbox, db.conflicts, db.meta], async () => {
      await Promise.all([db.visitors.clear(), db.shadows.clear(), db.conflicts.clear()]);
      await deleteMeta(db, 'cursor');
    });
  }
  await setMeta(db, 'localWorkspace', session.workspace);
  await setMeta(db, 'session', session);
}

/** Signing out forgets the person; the data and outbox stay for their workspace. */
export async function forgetSession(db: OutpostDb): Promise<void> {
  await deleteMeta(db, 'session');
}

export class WorkspaceSwitchError extends Error {
  readonly code = 'workspace_switch_blocked';
  constructor(workspaceName: string, waiting: number) {
    super(
      `This device still has ${waiting} unsynced change${waiting === 1 ? '' : 's'} for workspace “${workspaceName}”. ` +
        'Sign in to that workspace and let them sync first.',
    );
    this.name = 'WorkspaceSwitchError';
  }
}
