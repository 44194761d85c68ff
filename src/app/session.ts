import { workspaceSwitchBlockedMessage } from '../core/messages';
import type { Session } from '../core/protocol';
import type { OutpostDb } from '../db/schema';
import { getMeta, setMeta, deleteMeta, storeSession } from '../db/meta';
import { clearWorkspaceData } from '../db/workspaceData';
import { pendingCount } from '../data/queries';
import { ApiError, OfflineError, authApi } from './api';

export interface SessionState {
  session: Session | null;
  /** True when the server could not be reached and the session is the one remembered here. */
  offline: boolean;
  /** True when a remembered session was refused by the server (expired or signed out elsewhere). */
  expired: boolean;
}

/** How a sign-out went: done, called off by the person, or refused because the server was unreachable. */
export type SignOutResult = 'signed-out' | 'cancelled' | 'unreachable';

/** Who is signed in on this device, for the UI (which holds no database handle). */
export interface SessionService {
  /**
   * Who is signed in. Online, the server decides; offline, the person who last signed in on
   * this device keeps working — capture must not stop when the network does — and their
   * outbox waits for the connection.
   */
  load(): Promise<SessionState>;
  /**
   * Remembers a fresh sign-in. Local data belongs to one workspace (`localWorkspace`):
   * switching workspace wipes it, but never while changes are still waiting to reach the old
   * one (then it signs out again and throws `WorkspaceSwitchError`).
   */
  remember(session: Session): Promise<void>;
  /**
   * Signs out on the server, then forgets the person here; the data and outbox stay for their
   * workspace. When changes still wait to be sent, `confirmUnsynced(count)` decides first.
   */
  signOut(confirmUnsynced: (pending: number) => boolean | Promise<boolean>): Promise<SignOutResult>;
}

export interface SessionDeps {
  db: OutpostDb;
  api?: Pick<typeof authApi, 'me' | 'logout'>;
}

export function createSessionService({ db, api = authApi }: SessionDeps): SessionService {
  return {
    async load() {
      const remembered = (await getMeta(db, 'session')) ?? null;
      try {
        const session = await api.me();
        await storeSession(db, session);
        return { session, offline: false, expired: false };
      } catch (error) {
        if (error instanceof OfflineError) return { session: remembered, offline: true, expired: false };
        if (error instanceof ApiError && error.status === 401) {
          // Kept for an offline start, but its person's changes wait: the next cookie this
          // browser holds may be someone else's, before their session is stored here.
          if (remembered) await setMeta(db, 'sessionRefused', remembered.user.id);
          return { session: null, offline: false, expired: remembered !== null };
        }
        // The server answered oddly (5xx): keep working as the remembered person.
        return { session: remembered, offline: true, expired: false };
      }
    },

    async remember(session) {
      const owner = (await getMeta(db, 'localWorkspace')) ?? null;
      if (owner && owner.id !== session.workspace.id) {
        const result = await clearWorkspaceData(db);
        if (!result.cleared) {
          await api.logout().catch(() => undefined);
          throw new WorkspaceSwitchError(owner.name, result.queued);
        }
      }
      await setMeta(db, 'localWorkspace', session.workspace);
      await storeSession(db, session);
    },

    async signOut(confirmUnsynced) {
      // Read when asked, not live: a live count would re-run on every outbox write of a drain.
      const pending = await pendingCount(db);
      if (pending > 0 && !(await confirmUnsynced(pending))) return 'cancelled';
      try {
        await api.logout();
      } catch {
        return 'unreachable';
      }
      await deleteMeta(db, 'session');
      return 'signed-out';
    },
  };
}

export class WorkspaceSwitchError extends Error {
  readonly code = 'workspace_switch_blocked';
  constructor(workspaceName: string, waiting: number) {
    super(workspaceSwitchBlockedMessage(workspaceName, waiting));
    this.name = 'WorkspaceSwitchError';
  }
}
